package dev.stratus.network.service;

import dev.stratus.platform.events.EventPublisher;
import dev.stratus.platform.events.KafkaSettings;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Publishes "look again" announcements (a security group or a router changed) once the transaction that made the
 * change commits, and never for one rolled back. They carry no state: the agents read it from network-service, and
 * their periodic resync repairs an announcement lost on the way, so no outbox is needed. One producer for all.
 */
@ApplicationScoped
@Startup
public class AfterCommitAnnouncer {
    private static final Logger LOG = Logger.getLogger(AfterCommitAnnouncer.class);

    /** One announcement: its topic, its key, and the event. */
    public record Announcement(String topic, String key, Object event) {
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final TransactionSynchronizationRegistry transactions;
    private EventPublisher publisher;

    public AfterCommitAnnouncer(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    @PostConstruct
    void open() {
        KafkaSettings.ensureTopics(bootstrapServers, 3, (short) 1);
        publisher = new EventPublisher(bootstrapServers, "network-service-announcements");
    }

    @PreDestroy
    void close() {
        publisher.close();
    }

    /** Publishes {@code announcements} after the current transaction commits (nothing if there is none). */
    public void afterCommit(List<Announcement> announcements) {
        if (announcements.isEmpty()) {
            return;
        }
        List<Announcement> copy = List.copyOf(announcements);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    copy.forEach(AfterCommitAnnouncer.this::publish);
                }
            }
        });
    }

    private void publish(Announcement announcement) {
        try {
            publisher.publish(announcement.topic(), announcement.key(), announcement.event());
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not announce %s on %s; agents resync it later", announcement.key(),
                    announcement.topic());
        }
    }
}
