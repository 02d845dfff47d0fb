package dev.stratus.api.service;

import dev.stratus.api.config.ApiConfig;
import dev.stratus.api.lifecycle.Actor;
import dev.stratus.api.lifecycle.Command;
import dev.stratus.api.lifecycle.InstanceLifecycle;
import dev.stratus.api.model.Instance;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/**
 * Deletes servers whose {@code expires_at} has passed (action {@code expire}). Works from the database, not from
 * timers in memory: every {@code stratus.api.expiry-interval} it takes the expired rows not yet being deleted with
 * {@code FOR UPDATE SKIP LOCKED}, so a restart loses nothing and two replicas never expire the same server twice.
 */
@ApplicationScoped
public class ServerExpiry {
    private static final Logger LOG = Logger.getLogger(ServerExpiry.class);
    private static final int BATCH = 50;

    @Inject
    ApiConfig config;
    @Inject
    EntityManager em;
    @Inject
    InstanceLifecycle lifecycle;

    private PeriodicJob job;

    void start(@Observes StartupEvent event) {
        job = PeriodicJob.start("server-expiry", config.expiryInterval(), this::sweep);
    }

    void stop(@Observes ShutdownEvent event) {
        if (job != null) {
            job.stop();
        }
    }

    /** Expires what is due, a batch per transaction, until nothing is; returns how many it expired. */
    public int sweep() {
        return PeriodicJob.drain("expiring servers", BATCH, config.expiryInterval(), this::expireBatch, LOG);
    }

    private int expireBatch() {
        @SuppressWarnings("unchecked")
        List<UUID> due = em.createNativeQuery("SELECT id FROM api.instance WHERE expires_at <= now()"
                        + " AND deleted_at IS NULL AND task_state IS DISTINCT FROM 'DELETING'"
                        + " ORDER BY expires_at LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED", UUID.class)
                .getResultList();
        for (UUID id : due) {
            Instance instance = em.find(Instance.class, id); // locked by the query above
            LOG.infof("server %s expired (expires_at %s): deleting it", id, instance.expiresAt);
            lifecycle.apply(instance, new Command.Expire(), Actor.stratus());
        }
        return due.size();
    }
}
