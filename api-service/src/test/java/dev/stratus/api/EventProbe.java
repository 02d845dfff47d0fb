package dev.stratus.api;

import dev.stratus.contracts.Topics;
import dev.stratus.platform.events.EventCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** Reads a topic from the beginning and waits for a record that matches (tests only). */
public final class EventProbe implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;

    public EventProbe(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
    }

    @SuppressWarnings("unchecked")
    public <T> T await(Class<T> type, Predicate<T> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                var header = record.headers().lastHeader(Topics.TYPE_HEADER);
                if (header == null || !type.getSimpleName().equals(new String(header.value(), StandardCharsets.UTF_8))) {
                    continue;
                }
                T event = (T) EventCodec.decode(type.getSimpleName(), record.value()).orElseThrow();
                if (match.test(event)) {
                    return event;
                }
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " matching within " + timeout);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
