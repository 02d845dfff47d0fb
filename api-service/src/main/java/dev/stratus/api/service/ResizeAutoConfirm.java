package dev.stratus.api.service;

import dev.stratus.api.config.ApiConfig;
import dev.stratus.api.lifecycle.InstanceLifecycle;
import dev.stratus.api.model.Instance;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Confirms resizes that have awaited confirmation longer than {@code stratus.api.resize-confirm-after}. Like
 * {@link ServerExpiry}, it works from the database ({@code resized_at}, rows taken {@code FOR UPDATE SKIP LOCKED}),
 * so a restart loses nothing and two replicas never confirm the same resize twice.
 */
@ApplicationScoped
public class ResizeAutoConfirm {
    private static final Logger LOG = Logger.getLogger(ResizeAutoConfirm.class);
    private static final int BATCH = 50;

    @Inject
    ApiConfig config;
    @Inject
    EntityManager em;
    @Inject
    InstanceLifecycle lifecycle;

    private PeriodicJob job;

    void start(@Observes StartupEvent event) {
        job = PeriodicJob.start("resize-auto-confirm", config.expiryInterval(), this::sweep);
    }

    void stop(@Observes ShutdownEvent event) {
        if (job != null) {
            job.stop();
        }
    }

    /** Confirms what is due, a batch per transaction, until nothing is; returns how many it confirmed. */
    public int sweep() {
        return PeriodicJob.drain("confirming resizes", BATCH, config.expiryInterval(), this::confirmBatch, LOG);
    }

    private int confirmBatch() {
        OffsetDateTime due = OffsetDateTime.now(ZoneOffset.UTC).minus(config.resizeConfirmAfter());
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("SELECT id FROM api.instance WHERE resized_at <= ?1"
                        + " AND deleted_at IS NULL AND vm_state = 'RESIZED' AND task_state IS NULL"
                        + " ORDER BY resized_at LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED", UUID.class)
                .setParameter(1, due).getResultList();
        for (UUID id : ids) {
            Instance instance = em.find(Instance.class, id); // locked by the query above
            LOG.infof("server %s: its resize awaited confirmation since %s; confirming it", id, instance.resizedAt);
            lifecycle.autoConfirmResize(instance, "awaited confirmation longer than "
                    + config.resizeConfirmAfter() + ": confirmed by Stratus");
        }
        return ids.size();
    }
}
