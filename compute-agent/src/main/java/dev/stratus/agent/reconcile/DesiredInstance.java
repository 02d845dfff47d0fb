package dev.stratus.agent.reconcile;

import dev.stratus.contracts.InstancePlaced;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The desired state of one instance on this host (the spec, as KubeVirt calls it; the status is what the driver
 * shows).
 *
 * @param target    the state to converge to; RUNNING may become STOPPED by the agent itself when the guest shut
 *                  itself down (it stays off until a new request)
 * @param placement the placement that asked for the instance, or null for a domain adopted at start-up
 * @param power     the last power request and the agent's progress with it
 * @param fault     why converging was given up, or null; a failed instance is left alone until a new power request
 * @param changedAt when the target last changed
 * @param snapshots snapshots asked for and not yet reported finished, in the order they were asked for (tasks of
 *                  the instance, run by the {@link SnapshotConverger}; they never change its target or fault)
 * @param domainTasks resizes, their reverts and confirmations, and rebuilds asked for and not yet reported finished,
 *                  in the order they were asked for (run by the {@link DomainTaskConverger}; a finished one changes
 *                  the placement to the flavor and image the instance has since)
 */
public record DesiredInstance(String instanceId, DesiredState target, InstancePlaced placement, PowerProgress power,
        String fault, Instant changedAt, List<SnapshotTask> snapshots, List<DomainTask> domainTasks) {

    public DesiredInstance {
        snapshots = List.copyOf(snapshots);
        domainTasks = List.copyOf(domainTasks);
    }

    static DesiredInstance placed(InstancePlaced placement) {
        return new DesiredInstance(placement.instanceId(), DesiredState.RUNNING, placement, PowerProgress.NONE, null,
                Instant.now(), List.of(), List.of());
    }

    static DesiredInstance adopted(String instanceId, DesiredState target) {
        return new DesiredInstance(instanceId, target, null, PowerProgress.NONE, null, Instant.now(), List.of(),
                List.of());
    }

    /** Whether this agent has ever seen the domain running (a later shut-off is not the first boot failing). */
    public boolean seenRunning() {
        return power.seenRunning();
    }

    DesiredInstance withTarget(DesiredState newTarget) {
        return new DesiredInstance(instanceId, newTarget, placement, power, fault, Instant.now(), snapshots,
                domainTasks);
    }

    DesiredInstance withPlacement(InstancePlaced newPlacement) {
        return new DesiredInstance(instanceId, target, newPlacement, power, fault, changedAt, snapshots, domainTasks);
    }

    DesiredInstance withPower(PowerProgress newPower) {
        return new DesiredInstance(instanceId, target, placement, newPower, fault, changedAt, snapshots, domainTasks);
    }

    DesiredInstance requested(DesiredState newTarget, PowerProgress newPower) {
        return new DesiredInstance(instanceId, newTarget, placement, newPower, null, Instant.now(), snapshots,
                domainTasks);
    }

    DesiredInstance failed(String why) {
        return new DesiredInstance(instanceId, target, placement, power, why, changedAt, snapshots, domainTasks);
    }

    /** With {@code task} added, unless a snapshot to the same image is known already (a redelivered request). */
    DesiredInstance withSnapshot(SnapshotTask task) {
        if (snapshots.stream().anyMatch(t -> t.imageId().equals(task.imageId()))) {
            return this;
        }
        List<SnapshotTask> more = new ArrayList<>(snapshots);
        more.add(task);
        return withSnapshots(more);
    }

    /** With the snapshot to {@code imageId} changed (null: removed). */
    DesiredInstance withSnapshot(String imageId, UnaryOperator<SnapshotTask> change) {
        List<SnapshotTask> changed = new ArrayList<>();
        for (SnapshotTask task : snapshots) {
            SnapshotTask after = task.imageId().equals(imageId) ? change.apply(task) : task;
            if (after != null) {
                changed.add(after);
            }
        }
        return withSnapshots(changed);
    }

    private DesiredInstance withSnapshots(List<SnapshotTask> newSnapshots) {
        return new DesiredInstance(instanceId, target, placement, power, fault, changedAt, newSnapshots, domainTasks);
    }

    /** With {@code task} added in the order of asking, unless a task with its key is known (a redelivery). */
    DesiredInstance withDomainTask(DomainTask task) {
        if (domainTasks.stream().anyMatch(t -> t.key().equals(task.key()))) {
            return this;
        }
        List<DomainTask> more = new ArrayList<>(domainTasks);
        more.add(task);
        more.sort(Comparator.comparing(DomainTask::askedAt, Comparator.nullsFirst(Comparator.naturalOrder())));
        return withDomainTasks(more);
    }

    /** With the task named {@code key} changed (null: removed). */
    DesiredInstance withDomainTask(String key, UnaryOperator<DomainTask> change) {
        List<DomainTask> changed = new ArrayList<>();
        for (DomainTask task : domainTasks) {
            DomainTask after = task.key().equals(key) ? change.apply(task) : task;
            if (after != null) {
                changed.add(after);
            }
        }
        return withDomainTasks(changed);
    }

    private DesiredInstance withDomainTasks(List<DomainTask> newTasks) {
        return new DesiredInstance(instanceId, target, placement, power, fault, changedAt, snapshots, newTasks);
    }
}
