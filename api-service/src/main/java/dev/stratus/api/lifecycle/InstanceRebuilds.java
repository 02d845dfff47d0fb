package dev.stratus.api.lifecycle;

import dev.stratus.api.model.Instance;
import dev.stratus.api.model.InstanceActionRecord;
import dev.stratus.api.model.TaskState;
import dev.stratus.contracts.InstanceRebuildRequested;
import dev.stratus.contracts.InstanceTaskFinished;
import dev.stratus.contracts.Topics;
import dev.stratus.contracts.VmState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A rebuild: a new root disk from an image (the server's own, or another), the id, name, ports and addresses kept.
 * The server shows the new image from the request on (as Nova does); task {@code rebuilding} until the host reports
 * the task done. A rebuild the host could not finish leaves the server in ERROR with the host's fault (its root disk
 * may be half replaced); a rebuild from ERROR is allowed, so is a delete.
 */
@ApplicationScoped
class InstanceRebuilds {
    @Inject
    InstanceEvents events;
    @Inject
    ActionHistory history;

    void rebuild(Instance instance, Command.Rebuild command, Actor actor) {
        InstanceLifecycle.require(instance, Transition.REBUILD);
        InstanceLifecycle.requireHost(instance, Transition.REBUILD);
        OffsetDateTime now = InstanceEvents.now();
        String previous = instance.imageId;
        instance.imageId = command.image().id();
        instance.taskState = TaskState.REBUILDING;
        instance.updatedAt = now;
        InstanceActionRecord record = history.start(instance, Transition.REBUILD.actionName(), actor, now);
        record.message = previous.equals(instance.imageId) ? "image " + previous
                : "image " + previous + " to " + instance.imageId;
        instance.taskActionId = record.id;
        InstanceEvents.updatePlacement(instance, null, command.image());
        UUID eventId = UUID.randomUUID();
        events.send(instance, Topics.INSTANCE_ACTIONS, eventId, new InstanceRebuildRequested(eventId.toString(),
                InstanceRebuildRequested.VERSION, instance.id.toString(), instance.projectId, instance.host,
                command.image(), InstanceEvents.currentFlavor(instance), record.id.toString(), now.toInstant()));
    }

    /** The host's report of the rebuild: the task ends; a failure leaves the server in ERROR with the fault. */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean finished(Instance instance, InstanceTaskFinished event) {
        if (instance.taskActionId == null || !instance.taskActionId.toString().equals(event.reference())
                || instance.taskState != TaskState.REBUILDING || instance.deletedAt != null) {
            return false;
        }
        OffsetDateTime now = InstanceEvents.now();
        history.finishTask(instance, now, event.succeeded() ? InstanceActionRecord.SUCCESS
                : InstanceActionRecord.ERROR, event.succeeded() ? null : event.fault());
        instance.taskState = null;
        instance.updatedAt = now;
        if (event.succeeded()) {
            if (instance.vmState == VmState.ERROR) {
                instance.vmState = InstanceEvents.stableState(instance);
                instance.fault = null;
            }
        } else {
            instance.vmState = VmState.ERROR;
            instance.fault = "rebuild failed: " + event.fault();
        }
        return true;
    }
}
