package dev.stratus.network.service;

import dev.stratus.contracts.SecurityGroupChanged;
import dev.stratus.contracts.Topics;
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

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * Announces security group changes on {@link Topics#SECURITY_GROUP_EVENTS} once the transaction that made them commits.
 * A lost announcement is repaired by the agents' periodic firewall resync, so no outbox is needed for it.
 */
@ApplicationScoped
@Startup
public class SecurityGroupEvents {
    private static final Logger LOG = Logger.getLogger(SecurityGroupEvents.class);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final TransactionSynchronizationRegistry transactions;
    private EventPublisher publisher;

    public SecurityGroupEvents(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    @PostConstruct
    void open() {
        KafkaSettings.ensureTopics(bootstrapServers, 3, (short) 1);
        publisher = new EventPublisher(bootstrapServers, "network-service-ports");
    }

    @PreDestroy
    void close() {
        publisher.close();
    }

    /** Publishes a change of each group after the current transaction commits. */
    public void changed(Collection<UUID> groupIds, String projectId) {
        if (groupIds.isEmpty()) {
            return;
        }
        var ids = java.util.List.copyOf(groupIds);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    ids.forEach(id -> publish(id, projectId));
                }
            }
        });
    }

    private void publish(UUID groupId, String projectId) {
        try {
            publisher.publish(Topics.SECURITY_GROUP_EVENTS, groupId.toString(), new SecurityGroupChanged(
                    UUID.randomUUID().toString(), SecurityGroupChanged.VERSION, groupId.toString(), projectId,
                    Instant.now()));
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not announce the change of security group %s; agents resync it later", groupId);
        }
    }
}
