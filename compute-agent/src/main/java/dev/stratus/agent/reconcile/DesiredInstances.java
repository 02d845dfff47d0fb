package dev.stratus.agent.reconcile;

import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.InstancePowerRequested;
import dev.stratus.contracts.InstanceSnapshotRequested;
import dev.stratus.contracts.InstanceTaskFinished;
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
 * The desired state of every instance this agent manages, in memory; after a restart it is rebuilt by
 * {@link DesiredStateRecovery} from the {@link DesiredStateJournal} and the domains libvirt shows (the truth), and from
 * events Kafka redelivers. Every change is atomic per instance;
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
     * A power request for an instance known here: its target and generation change, a pending reboot is noted, a
     * fault is cleared (a new request is a new attempt). Ignored (false) if the instance is unknown or deleted, or
     * the request's generation is not above the current one (redelivered or overtaken).
     */
    public boolean requestPower(InstancePowerRequested request) {
        boolean[] accepted = {false};
        instances.computeIfPresent(request.instanceId(), (id, d) -> {
            if (d.target() == DesiredState.DELETED || request.generation() <= d.power().generation()) {
                return d;
            }
            accepted[0] = true;
            return d.requested(DesiredState.after(request.operation()), d.power().requested(request));
        });
        return accepted[0];
    }

    /**
     * A snapshot asked for an instance known here (also one being deleted: the reconciler reports it failed) is added
     * to its pending snapshots, once per image. False if the instance is unknown.
     */
    public boolean requestSnapshot(InstanceSnapshotRequested request) {
        return restoreSnapshot(SnapshotTask.pending(request));
    }

    /** A journaled snapshot, pending or finished, restored at start-up; false if the instance is unknown. */
    boolean restoreSnapshot(SnapshotTask task) {
        return instances.computeIfPresent(task.request().instanceId(), (id, d) -> d.withSnapshot(task)) != null;
    }

    /** The snapshot to {@code outcome}'s image is over: it stays, to be reported, until {@link #snapshotReported}. */
    void snapshotFinished(InstanceTaskFinished outcome) {
        update(outcome.instanceId(), d -> d.withSnapshot(outcome.reference(), t -> t.withOutcome(outcome)));
    }

    /** The control plane has the outcome of the snapshot to {@code imageId}: the instance no longer has it. */
    void snapshotReported(String instanceId, String imageId) {
        update(instanceId, d -> d.withSnapshot(imageId, t -> t.finished() ? null : t));
    }

    /**
     * A resize, its settlement or a rebuild asked for an instance known here (also one being deleted: the reconciler
     * reports it failed) is added to its pending domain tasks, once per key. False if the instance is unknown.
     */
    public boolean requestDomainTask(DomainTask task) {
        return instances.computeIfPresent(task.instanceId(), (id, d) -> d.withDomainTask(task)) != null;
    }

    /** The task is over: it stays, to be reported, until {@link #domainTaskDone}. */
    void domainTaskFinished(DomainTask task, InstanceTaskFinished outcome) {
        update(task.instanceId(), d -> d.withDomainTask(task.key(), t -> t.withOutcome(outcome)));
    }

    /** The task is over and reported (or needs no report): the instance no longer has it. */
    void domainTaskDone(DomainTask task) {
        update(task.instanceId(), d -> d.withDomainTask(task.key(), t -> null));
    }

    /**
     * The instance has another flavor or image since a resize or rebuild: {@code placement} is what it is built from
     * from now on (after a restart, or if its domain must be built again). A deleted instance stays as it is.
     */
    void replacePlacement(InstancePlaced placement) {
        update(placement.instanceId(), d -> d.target() == DesiredState.DELETED ? d : d.withPlacement(placement));
    }

    /**
     * Restores an instance's desired state at start-up, unless already known.
     *
     * @param placement the recorded placement, or null for a domain found in the hypervisor without one
     */
    public void restore(String instanceId, DesiredState target, InstancePlaced placement, PowerProgress power) {
        DesiredInstance restored = placement == null ? DesiredInstance.adopted(instanceId, target)
                : DesiredInstance.placed(placement).withTarget(target);
        instances.putIfAbsent(instanceId, restored.withPower(power));
    }

    /**
     * The guest shut itself down while it ran at {@code generation}: honour it (as Nova's power-state sync does)
     * instead of restarting it, until a newer request. False if a newer request came in meanwhile.
     */
    boolean stoppedByGuest(String instanceId, long generation) {
        boolean[] done = {false};
        update(instanceId, d -> {
            if (d.target() != DesiredState.RUNNING || d.power().generation() != generation) {
                return d;
            }
            done[0] = true;
            return d.withTarget(DesiredState.STOPPED);
        });
        return done[0];
    }

    /**
     * Changes the power progress of the instance if its request is still the one of {@code generation}; returns
     * the instance as it is afterwards (empty if it is unknown).
     */
    Optional<DesiredInstance> progress(String instanceId, long generation, UnaryOperator<PowerProgress> change) {
        return Optional.ofNullable(instances.computeIfPresent(instanceId, (id, d) -> d.power().generation() == generation
                ? d.withPower(change.apply(d.power())) : d));
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
