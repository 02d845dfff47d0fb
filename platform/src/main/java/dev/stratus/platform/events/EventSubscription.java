package dev.stratus.platform.events;

import dev.stratus.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * One consumer thread: polls its topics, decodes each record and hands it to the handler, and commits offsets
 * only after the handler returned (at-least-once). A handler that fails (database or broker away) is retried
 * with capped back-off until it succeeds, so no event is lost to an outage; a record that cannot be decoded
 * (a poison record) is logged and skipped.
 */
public final class EventSubscription implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EventSubscription.class);
    private static final long MAX_BACKOFF_MS = 5_000;
    private static final int LOG_EVERY = 10;
    private final java.util.Set<String> unknownTypes = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final KafkaConsumer<String, byte[]> consumer;
    private final Collection<String> topics;
    private final EventHandler handler;
    private final Thread thread;
    private volatile boolean running = true;

    public EventSubscription(String bootstrapServers, String groupId, Collection<String> topics, EventHandler handler) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100,
                // static membership: a restarted service takes its partitions back at once instead of waiting
                // for the broker to expire the member it was before the restart
                ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, (groupId + "." + localHostName()).replaceAll("[^A-Za-z0-9._-]", "_"),
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.topics = topics;
        this.handler = handler;
        this.thread = new Thread(this::run, "events-" + groupId);
        this.thread.setDaemon(true);
    }

    private static String localHostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    public EventSubscription start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            consumer.subscribe(topics);
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, byte[]> record : records) {
                    deliver(record);
                }
                if (!records.isEmpty()) {
                    commit();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("consumer woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            LOG.error("consumer loop for " + topics + " stopped", e);
        } finally {
            consumer.close();
        }
    }

    /** A commit lost to a rebalance only means the records are delivered again: handlers are idempotent. */
    private void commit() {
        try {
            consumer.commitSync();
        } catch (CommitFailedException | RebalanceInProgressException e) {
            LOG.warnf("offset commit failed, records will be redelivered: %s", e.toString());
        }
    }

    private void deliver(ConsumerRecord<String, byte[]> record) {
        Header typeHeader = record.headers().lastHeader(Topics.TYPE_HEADER);
        if (typeHeader == null) {
            LOG.warnf("skipping record without %s header at %s-%d@%d", Topics.TYPE_HEADER, record.topic(),
                    record.partition(), record.offset());
            return;
        }
        String type = new String(typeHeader.value(), StandardCharsets.UTF_8);
        Optional<Object> event;
        try {
            event = EventCodec.decode(type, record.value());
        } catch (RuntimeException e) {
            LOG.errorf(e, "skipping undecodable %s at %s-%d@%d", type, record.topic(), record.partition(),
                    record.offset());
            return;
        }
        if (event.isEmpty()) {
            if (unknownTypes.add(type)) { // once per type: a newer producer's events would otherwise flood the log
                LOG.warnf("skipping events of unknown type %s (first at %s-%d@%d): this service does not know it;"
                        + " is a newer version of its producer running?", type, record.topic(), record.partition(),
                        record.offset());
            }
            return;
        }
        for (int attempt = 1; running; attempt++) {
            try {
                long start = System.currentTimeMillis();
                handler.handle(event.get());
                if (LOG.isDebugEnabled()) { // where an event's time goes: the broker's delivery, then our handling
                    long end = System.currentTimeMillis();
                    LOG.debugf("%s %s@%d: delivered %d ms after it was sent, handled in %d ms", type, record.key(),
                            record.offset(), start - record.timestamp(), end - start);
                }
                return;
            } catch (Exception e) {
                if (attempt % LOG_EVERY == 1) {
                    LOG.warnf("handling %s failed (attempt %d, retrying until it succeeds): %s", type, attempt,
                            e.toString());
                }
                sleep(Math.min(MAX_BACKOFF_MS, 100L * attempt));
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
