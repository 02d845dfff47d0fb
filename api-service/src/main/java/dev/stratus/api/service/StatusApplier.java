package dev.stratus.api.service;

import dev.stratus.api.lifecycle.InstanceObservations;
import dev.stratus.api.model.Instance;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.InstancePlacementFailed;
import dev.stratus.contracts.InstanceResizeClaimed;
import dev.stratus.contracts.InstanceResizeRefused;
import dev.stratus.contracts.InstanceStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.util.Optional;
import java.util.UUID;

/**
 * Hands what the scheduler and the agents report to {@link InstanceObservations}, one transaction per event with the
 * instance's row locked. Idempotent: a re-delivered event changes nothing, and a deleted instance never comes back.
 */
@ApplicationScoped
public class StatusApplier {
    @Inject
    InstanceObservations observations;

    @Transactional
    public void placed(InstancePlaced event) {
        lockLive(event.instanceId()).ifPresent(instance -> observations.placed(instance, event));
    }

    @Transactional
    public void placementFailed(InstancePlacementFailed event) {
        lockLive(event.instanceId()).ifPresent(instance -> observations.placementFailed(instance, event));
    }

    @Transactional
    public void resizeClaimed(InstanceResizeClaimed event) {
        lockLive(event.instanceId()).ifPresent(instance -> observations.resizeClaimed(instance, event));
    }

    @Transactional
    public void resizeRefused(InstanceResizeRefused event) {
        lockLive(event.instanceId()).ifPresent(instance -> observations.resizeRefused(instance, event));
    }

    @Transactional
    public void statusChanged(InstanceStatusChanged event) {
        lockLive(event.instanceId()).ifPresent(instance -> observations.observed(instance, event));
    }

    /** A task's end is recorded even when the instance was deleted since (its history outlives it). */
    @Transactional
    public void taskFinished(dev.stratus.contracts.InstanceTaskFinished event) {
        try {
            Instance.<Instance>findByIdOptional(UUID.fromString(event.instanceId()), LockModeType.PESSIMISTIC_WRITE)
                    .ifPresent(instance -> observations.taskFinished(instance, event));
        } catch (IllegalArgumentException e) {
            // not an instance id: nothing of ours
        }
    }

    private static Optional<Instance> lockLive(String instanceId) {
        UUID id;
        try {
            id = UUID.fromString(instanceId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Instance.<Instance>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .filter(instance -> instance.deletedAt == null);
    }
}
