package dev.stratus.agent.reconcile;

import dev.stratus.agent.instance.InstanceFiles;
import dev.stratus.contracts.InstanceSnapshotRequested;
import dev.stratus.contracts.InstanceTaskFinished;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps an instance's snapshots on disk next to its files until the control plane has their end, in
 * {@code snapshots/} ({@link TaskRecords}, keyed by the snapshot's image id). An agent that dies during a snapshot
 * runs it again after a restart; one that dies before publishing the outcome publishes that same outcome (same event
 * id). Both files go once the broker has the outcome.
 */
@Singleton
public class SnapshotJournal {
    private static final Logger LOG = Logger.getLogger(SnapshotJournal.class);

    private final TaskRecords records;

    public SnapshotJournal(InstanceFiles files) {
        this.records = new TaskRecords(files, "snapshots");
    }

    /** Whether {@code candidate} can name a snapshot's image here (one path element without dots). */
    public static boolean isImageId(String candidate) {
        return TaskRecords.isKeyPart(candidate);
    }

    public void requested(InstanceSnapshotRequested request) {
        records.request(request.instanceId(), request.imageId(), request);
    }

    void finished(InstanceTaskFinished outcome) {
        records.outcome(outcome.instanceId(), outcome.reference(), outcome);
    }

    /** Forgets the snapshot to {@code imageId}; never creates the instance's directory again. */
    void reported(String instanceId, String imageId) {
        try {
            records.forget(instanceId, imageId);
        } catch (IOException e) {
            LOG.warnf("instance %s: cannot forget snapshot %s: %s", instanceId, imageId, e);
        }
    }

    /** Every recorded snapshot of every instance, oldest request first; unreadable records are logged and skipped. */
    List<SnapshotTask> load() {
        List<SnapshotTask> tasks = records.load((file, key, outcome) -> TaskRecords
                .decode(file, InstanceSnapshotRequested.class).map(request -> new SnapshotTask(request, outcome))
                .orElse(null));
        tasks.sort(Comparator.comparing(t -> t.request().requestedAt(),
                Comparator.nullsFirst(Comparator.naturalOrder())));
        return tasks;
    }
}
