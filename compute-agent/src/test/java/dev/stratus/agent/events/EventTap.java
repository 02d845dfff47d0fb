package dev.stratus.agent.events;

import dev.stratus.contracts.Topics;
import dev.stratus.platform.events.EventCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** Test helper: reads contract records from topics with a plain consumer of its own group, from the start. */
public final class EventTap implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Object> seen = new ArrayList<>();

    public EventTap(String bootstrapServers, Collection<String> topics) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-tap-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(topics);
    }

    /** Waits for the first record of {@code type} matching {@code condition}, seen before or during the wait. */
    public <T> T await(Class<T> type, Predicate<T> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        while (true) {
            for (; checked < seen.size(); checked++) {
                Object event = seen.get(checked);
                if (type.isInstance(event) && condition.test(type.cast(event))) {
                    return type.cast(event);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no matching " + type.getSimpleName() + " within " + timeout + "; saw "
                        + seen.stream().filter(type::isInstance).toList());
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                Header header = record.headers().lastHeader(Topics.TYPE_HEADER);
                if (header != null) {
                    EventCodec.decode(new String(header.value(), StandardCharsets.UTF_8), record.value())
                            .ifPresent(seen::add);
                }
            }
        }
    }

    /** All records of {@code type} matching {@code condition} seen so far. */
    public <T> List<T> seen(Class<T> type, Predicate<T> condition) {
        return seen.stream().filter(type::isInstance).map(type::cast).filter(condition).toList();
    }

    /** Every record seen so far, in the order the tap read them (a partition's order, so one key's order). */
    public List<Object> seenInOrder() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
