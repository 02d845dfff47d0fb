package dev.stratus.agent.reconcile;

import dev.stratus.agent.events.InstanceTaskReporter;
import dev.stratus.agent.instance.InstanceSnapshotter;
import dev.stratus.contracts.InstanceTaskFinished;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs an instance's pending snapshots and reports their end ({@link InstanceTaskFinished}), as a step of the
 * instance's reconcile. It runs only on the reconcile worker that holds the instance's id, and the
 * {@link InstanceWorkQueue} never gives an id to two workers at once: a removal of the same instance that arrives
 * during a flatten marks the id dirty and is carried out by the next pass, after the flatten and upload have
 * returned, so the disk is never removed while {@code qemu-img convert} reads it.
 * <ul>
 * <li>A snapshot is started only while the instance's target is not DELETED; a pending snapshot of an instance being
 * deleted is reported failed ({@value #DELETING}) before the instance is removed.</li>
 * <li>A snapshot that fails is tried again with the {@link ReconcileLoop}'s back-off (the instance's id is enqueued
 * again; a pass of the instance before then, a resync say, leaves it) and after
 * {@value ReconcileLoop#MAX_ATTEMPTS} failed attempts reported failed with the last fault. Its
 * failures are its own: they never put the instance in ERROR nor count against its reconcile.</li>
 * <li>An outcome is journaled ({@link SnapshotJournal}) before it is published; the snapshot is forgotten once the
 * broker has it. One that could not be published is published again (same event id) by a later pass (the periodic
 * resync enqueues every instance).</li>
 * </ul>
 */
@Singleton
public class SnapshotConverger {
    private static final Logger LOG = Logger.getLogger(SnapshotConverger.class);
    static final String DELETING = "the server is being deleted";

    private final DesiredInstances desired;
    private final SnapshotJournal journal;
    private final InstanceSnapshotter snapshotter;
    private final InstanceTaskReporter reporter;
    private final ReconcileTimers timers;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Set<String> publishing = ConcurrentHashMap.newKeySet();

    public SnapshotConverger(DesiredInstances desired, SnapshotJournal journal, InstanceSnapshotter snapshotter,
            InstanceTaskReporter reporter, ReconcileTimers timers) {
        this.desired = desired;
        this.journal = journal;
        this.snapshotter = snapshotter;
        this.reporter = reporter;
        this.timers = timers;
    }

    /** Runs the instance's pending snapshots one after another and reports finished ones; never throws. */
    void converge(String instanceId) {
        for (SnapshotTask task : snapshots(instanceId)) {
            if (task.finished()) {
                report(task.outcome());
                continue;
            }
            Optional<DesiredInstance> now = desired.get(instanceId);
            if (now.isEmpty() || now.get().target() == DesiredState.DELETED) {
                return; // a removal came in during an earlier snapshot: the next pass reports the rest failed
            }
            Failures failed = failures.get(key(task));
            if (failed == null || !Instant.now().isBefore(failed.retryAt())) { // else its timed re-check comes
                run(task);
            }
        }
    }

    /** The instance is being deleted: none of its snapshots is started; each is reported failed with {@code fault}. */
    void abandon(String instanceId, String fault) {
        for (SnapshotTask task : snapshots(instanceId)) {
            if (task.finished()) {
                report(task.outcome());
            } else {
                LOG.warnf("instance %s: snapshot %s not started: %s", instanceId, task.imageId(), fault);
                failures.remove(key(task));
                finish(task, false, fault);
            }
        }
    }

    private void run(SnapshotTask task) {
        String instanceId = task.request().instanceId();
        try {
            LOG.infof("instance %s: snapshot to image %s", instanceId, task.imageId());
            snapshotter.snapshot(task.request());
            failures.remove(key(task));
            finish(task, true, null);
        } catch (RuntimeException e) {
            String fault = e.getMessage() != null ? e.getMessage() : e.toString();
            int attempt = failures.getOrDefault(key(task), Failures.NONE).attempts() + 1;
            if (attempt >= ReconcileLoop.MAX_ATTEMPTS) {
                LOG.errorf(e, "instance %s: snapshot %s given up after %d attempts", instanceId, task.imageId(),
                        attempt);
                failures.remove(key(task));
                finish(task, false, fault);
            } else {
                LOG.warnf("instance %s: snapshot %s attempt %d failed, retrying in %s: %s", instanceId,
                        task.imageId(), attempt, ReconcileLoop.backoff(attempt), fault);
                failures.put(key(task), new Failures(attempt, Instant.now().plus(ReconcileLoop.backoff(attempt))));
                timers.recheck(instanceId, ReconcileLoop.backoff(attempt));
            }
        }
    }

    private void finish(SnapshotTask task, boolean succeeded, String fault) {
        InstanceTaskFinished outcome = reporter.snapshotFinished(task.request().instanceId(), task.imageId(),
                succeeded, fault);
        try {
            journal.finished(outcome);
        } catch (RuntimeException e) { // still reported now; after a restart it would be run again
            LOG.warnf("instance %s: cannot journal the outcome of snapshot %s: %s", outcome.instanceId(),
                    task.imageId(), e);
        }
        desired.snapshotFinished(outcome);
        report(outcome);
    }

    private void report(InstanceTaskFinished outcome) {
        String key = outcome.instanceId() + "/" + outcome.reference();
        if (!publishing.add(key)) {
            return; // already on its way
        }
        reporter.publish(outcome, published -> {
            if (published) {
                journal.reported(outcome.instanceId(), outcome.reference());
                desired.snapshotReported(outcome.instanceId(), outcome.reference());
            }
            publishing.remove(key);
        });
    }

    private List<SnapshotTask> snapshots(String instanceId) {
        return desired.get(instanceId).map(DesiredInstance::snapshots).orElse(List.of());
    }

    /** A snapshot's failed attempts in a row, and when the next may begin (a pass before then leaves it). */
    private record Failures(int attempts, Instant retryAt) {
        static final Failures NONE = new Failures(0, Instant.MIN);
    }

    private static String key(SnapshotTask task) {
        return task.request().instanceId() + "/" + task.imageId();
    }
}
