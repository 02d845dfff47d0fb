package dev.stratus.scheduler;

import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.InstancePlacementFailed;
import dev.stratus.contracts.InstanceRemoveRequested;
import dev.stratus.contracts.Topics;
import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.platform.events.EventCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads {@link Topics#PLACEMENTS} from the beginning with a plain consumer (no group), keeping only the events of
 * the instances a test cares about.
 */
public final class PlacementsTail implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Object> seen = new ArrayList<>();

    public PlacementsTail() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, StratusTestInfra.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.PLACEMENTS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    public static String instanceIdOf(Object event) {
        if (event instanceof InstancePlaced e) {
            return e.instanceId();
        }
        if (event instanceof InstancePlacementFailed e) {
            return e.instanceId();
        }
        if (event instanceof InstanceRemoveRequested e) {
            return e.instanceId();
        }
        if (event instanceof dev.stratus.contracts.InstanceResizeClaimed e) {
            return e.instanceId();
        }
        if (event instanceof dev.stratus.contracts.InstanceResizeRefused e) {
            return e.instanceId();
        }
        return null;
    }

    /** Waits until {@code count} events of the given instances matching {@code filter} arrived; returns them. */
    public List<Object> await(Set<String> instanceIds, Predicate<Object> filter, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Object> matching = seen.stream()
                    .filter(e -> instanceIds.contains(instanceIdOf(e)) && filter.test(e)).toList();
            if (matching.size() >= count || System.nanoTime() > deadline) {
                if (matching.size() < count) {
                    throw new AssertionError("expected " + count + " events for " + instanceIds + " within "
                            + timeout + ", got " + matching);
                }
                return matching;
            }
            pollOnce();
        }
    }

    public <T> T awaitOne(String instanceId, Class<T> type) {
        return type.cast(await(Set.of(instanceId), type::isInstance, 1, Duration.ofSeconds(20)).get(0));
    }

    /** All events of the instances seen so far, after polling for {@code quiet} more. */
    public List<Object> drain(Set<String> instanceIds, Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            pollOnce();
        }
        return seen.stream().filter(e -> instanceIds.contains(instanceIdOf(e))).toList();
    }

    private void pollOnce() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            Header type = record.headers().lastHeader(Topics.TYPE_HEADER);
            if (type != null) {
                EventCodec.decode(new String(type.value(), StandardCharsets.UTF_8), record.value())
                        .ifPresent(seen::add);
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
