package dev.stratus.agent.reconcile;

import dev.stratus.contracts.InstanceSnapshotRequested;
import dev.stratus.contracts.InstanceTaskFinished;

/**
 * A snapshot of an instance that the control plane asked this agent for and has not yet been told the end of: to be
 * run while {@code outcome} is null, else only to be reported.
 *
 * @param request what was asked (the image to upload the disk to)
 * @param outcome the journaled {@link InstanceTaskFinished} not yet acknowledged by the broker, or null
 */
public record SnapshotTask(InstanceSnapshotRequested request, InstanceTaskFinished outcome) {

    static SnapshotTask pending(InstanceSnapshotRequested request) {
        return new SnapshotTask(request, null);
    }

    public String imageId() {
        return request.imageId();
    }

    public boolean finished() {
        return outcome != null;
    }

    SnapshotTask withOutcome(InstanceTaskFinished finished) {
        return new SnapshotTask(request, finished);
    }
}
