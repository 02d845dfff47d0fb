package dev.stratus.agent.reconcile;

import dev.stratus.contracts.InstancePlaced;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The desired state of every instance this agent manages, in memory only: after a restart it is rebuilt from
 * the domains libvirt shows (the truth) and from placements Kafka redelivers. Every change is atomic per instance;
 * a deleted instance stays as a tombstone for a while so a redelivered placement cannot bring it back.
 */
@Singleton
public class DesiredInstances {
    private final Map<String, DesiredInstance> instances = new ConcurrentHashMap<>();

    public Optional<DesiredInstance> get(String instanceId) {
        return Optional.ofNullable(instances.get(instanceId));
    }

    public Collection<DesiredInstance> all() {
        return List.copyOf(instances.values());
    }

    /** The instance should run here; a placement for an instance already deleted here is ignored. */
    public void place(InstancePlaced placement) {
        instances.merge(placement.instanceId(), DesiredInstance.placed(placement), (known, placed) -> {
            if (known.target() == DesiredState.DELETED) {
                return known;
            }
            return known.placement() == null ? known.withPlacement(placement) : known;
        });
    }

    /** The instance should be gone from this host (also when this agent never saw it). */
    public void remove(String instanceId) {
        instances.compute(instanceId, (id, known) -> known == null
                ? DesiredInstance.adopted(id, DesiredState.DELETED)
                : known.target() == DesiredState.DELETED ? known : known.withTarget(DesiredState.DELETED));
    }

    /**
     * Restores an instance's desired state at start-up, unless already known.
     *
     * @param placement the recorded placement, or null for a domain found in the hypervisor without one
     */
    public void restore(String instanceId, DesiredState target, InstancePlaced placement) {
        DesiredInstance restored = placement == null ? DesiredInstance.adopted(instanceId, target)
                : DesiredInstance.placed(placement).withTarget(target);
        instances.putIfAbsent(instanceId, restored);
    }

    /** The guest shut itself down: honour it (as Nova's power-state sync does) instead of restarting it. */
    void stoppedByGuest(String instanceId) {
        update(instanceId, d -> d.target() == DesiredState.RUNNING ? d.withTarget(DesiredState.STOPPED) : d);
    }

    void seenRunning(String instanceId) {
        update(instanceId, d -> d.seenRunning() ? d : d.running());
    }

    void failed(String instanceId, String fault) {
        update(instanceId, d -> d.target() == DesiredState.DELETED ? d : d.failed(fault));
    }

    /** Forgets tombstones of instances deleted longer ago than {@code retention}; returns their ids. */
    List<String> pruneDeleted(Duration retention) {
        Instant cutoff = Instant.now().minus(retention);
        List<String> old = instances.values().stream()
                .filter(d -> d.target() == DesiredState.DELETED && d.changedAt().isBefore(cutoff))
                .map(DesiredInstance::instanceId).toList();
        old.forEach(id -> instances.computeIfPresent(id,
                (k, d) -> d.target() == DesiredState.DELETED && d.changedAt().isBefore(cutoff) ? null : d));
        return old;
    }

    private void update(String instanceId, UnaryOperator<DesiredInstance> change) {
        instances.computeIfPresent(instanceId, (id, d) -> change.apply(d));
    }
}
