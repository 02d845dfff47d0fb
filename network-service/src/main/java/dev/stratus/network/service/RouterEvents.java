package dev.stratus.network.service;

import dev.stratus.contracts.RouterChanged;
import dev.stratus.contracts.Topics;
import dev.stratus.platform.events.EventPublisher;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Announces router changes (interfaces, gateway, floating IPs, deletes) on {@link Topics#ROUTER_EVENTS} once the
 * transaction that made them commits, as {@link SecurityGroupEvents} does for security groups: the event only says
 * "look again" (the agents read the whole L3 state from network-service), so a lost one is repaired by the agents'
 * periodic L3 resync and no outbox is needed.
 */
@ApplicationScoped
public class RouterEvents {
    private static final Logger LOG = Logger.getLogger(RouterEvents.class);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final TransactionSynchronizationRegistry transactions;
    private EventPublisher publisher;

    public RouterEvents(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    @PostConstruct
    void open() {
        publisher = new EventPublisher(bootstrapServers, "network-service-routers");
    }

    @PreDestroy
    void close() {
        publisher.close();
    }

    /** Publishes a change of each router (nulls skipped) after the current transaction commits. */
    public void changed(String projectId, UUID... routerIds) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (UUID id : routerIds) {
            if (id != null) {
                ids.add(id);
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    ids.forEach(id -> publish(id, Objects.requireNonNullElse(projectId, "")));
                }
            }
        });
    }

    private void publish(UUID routerId, String projectId) {
        try {
            publisher.publish(Topics.ROUTER_EVENTS, routerId.toString(), new RouterChanged(UUID.randomUUID().toString(),
                    RouterChanged.VERSION, routerId.toString(), projectId, Instant.now()));
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not announce the change of router %s; agents resync it later", routerId);
        }
    }
}
