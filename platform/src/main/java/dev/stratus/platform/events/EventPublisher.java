package dev.stratus.platform.events;

import dev.stratus.contracts.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Sends contract records to Kafka and waits for the broker's acknowledgement (acks=all, idempotent producer). */
public final class EventPublisher implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;

    public EventPublisher(String bootstrapServers, String clientId) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Publishes one record; returns once the broker has it, throws if it does not within 30 s. */
    public void publish(String topic, String key, Object event) {
        publishRaw(topic, key, EventCodec.typeOf(event), EventCodec.encode(event));
    }

    /** Publishes an already encoded record (the outbox relay stores type and payload as they were written). */
    public void publishRaw(String topic, String key, String type, byte[] payload) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, payload);
        record.headers().add(Topics.TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + type, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish " + type + " to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
