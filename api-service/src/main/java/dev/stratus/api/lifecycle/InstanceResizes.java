package dev.stratus.api.lifecycle;

import dev.stratus.api.model.Instance;
import dev.stratus.api.model.InstanceActionRecord;
import dev.stratus.api.model.TaskState;
import dev.stratus.contracts.FlavorSpec;
import dev.stratus.contracts.InstanceResizeClaimed;
import dev.stratus.contracts.InstanceResizeRefused;
import dev.stratus.contracts.InstanceResizeRequested;
import dev.stratus.contracts.InstanceResizeSettled;
import dev.stratus.contracts.InstanceTaskFinished;
import dev.stratus.contracts.Topics;
import dev.stratus.contracts.VmState;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A resize, from the request to its end. The instance shows the new flavor from the request on and keeps the old one
 * ({@code resize_from_*}) until the resize is settled, so the quota counts the larger of the two. Its steps:
 * <ol>
 * <li>{@code resize}: task {@code resize_prep}; {@code InstanceResizeRequested} asks the scheduler to claim the
 * larger size on the instance's host;</li>
 * <li>claimed: task {@code resizing} while the host applies it; refused: the old flavor is back, nothing changed;</li>
 * <li>the host's {@code InstanceTaskFinished(resize)}: vm_state RESIZED (status VERIFY_RESIZE) until confirmed or
 * reverted (or confirmed by Stratus after {@code stratus.api.resize-confirm-after}); a failed resize (the host put
 * everything back) gives the old flavor back;</li>
 * <li>{@code confirm-resize}: done at once; the host drops the old disk's copy, the scheduler the old size;
 * {@code revert-resize}: task {@code resize_reverting} until the host has put the old disk and flavor back.</li>
 * </ol>
 * Every event of a resize names it by its {@code reference} (the id of the resize's history entry, kept in
 * {@code resize_reference} until it is settled), so a redelivered or late event of an older resize changes nothing.
 */
@ApplicationScoped
class InstanceResizes {
    @Inject
    InstanceEvents events;
    @Inject
    ActionHistory history;

    void resize(Instance instance, Command.Resize command, Actor actor) {
        InstanceLifecycle.require(instance, Transition.RESIZE);
        InstanceLifecycle.requireHost(instance, Transition.RESIZE);
        FlavorSpec from = InstanceEvents.currentFlavor(instance);
        FlavorSpec to = command.to();
        if (to.id().equals(from.id())) {
            throw ApiException.badRequest("flavor", "server " + instance.id + " already has flavor " + to.id()
                    + "; name another flavor");
        }
        if (to.diskGb() < from.diskGb()) {
            throw ApiException.badRequest("flavor", "flavor " + to.id() + " has a " + to.diskGb() + " GiB disk,"
                    + " smaller than the server's " + from.diskGb() + " GiB: a disk never shrinks; pick a flavor"
                    + " with disk_gb >= " + from.diskGb());
        }
        OffsetDateTime now = InstanceEvents.now();
        instance.resizeFromFlavorId = from.id();
        instance.resizeFromVcpus = from.vcpus();
        instance.resizeFromRamMb = from.ramMb();
        instance.resizeFromDiskGb = from.diskGb();
        instance.resizedAt = null;
        instance.flavorId = to.id();
        instance.vcpus = to.vcpus();
        instance.ramMb = to.ramMb();
        instance.diskGb = to.diskGb();
        instance.taskState = TaskState.RESIZE_PREP;
        instance.updatedAt = now;
        InstanceActionRecord record = history.start(instance, Transition.RESIZE.actionName(), actor, now);
        record.message = "flavor " + from.id() + " to " + to.id();
        instance.taskActionId = record.id;
        instance.resizeReference = record.id;
        UUID eventId = UUID.randomUUID();
        events.send(instance, Topics.INSTANCE_REQUESTS, eventId, new InstanceResizeRequested(eventId.toString(),
                InstanceResizeRequested.VERSION, instance.id.toString(), instance.projectId, instance.host, from, to,
                record.id.toString(), now.toInstant()));
    }

    /** The scheduler holds the new size; the host is at work. */
    @Transactional(Transactional.TxType.MANDATORY)
    void claimed(Instance instance, InstanceResizeClaimed event) {
        if (isCurrent(instance, event.reference()) && instance.taskState == TaskState.RESIZE_PREP) {
            instance.taskState = TaskState.RESIZING;
            instance.updatedAt = InstanceEvents.now();
        }
    }

    /** The host cannot take the new size: the old flavor is back and the history says why. */
    @Transactional(Transactional.TxType.MANDATORY)
    void refused(Instance instance, InstanceResizeRefused event) {
        if (isCurrent(instance, event.reference()) && instance.taskState == TaskState.RESIZE_PREP) {
            OffsetDateTime now = InstanceEvents.now();
            history.finishTask(instance, now, InstanceActionRecord.ERROR, event.reason());
            restoreOldFlavor(instance);
            instance.taskState = null;
            instance.updatedAt = now;
        }
    }

    /**
     * The host finished a resize or a revert (task {@code resize} or {@code revert-resize}) of the resize not
     * settled yet; returns false (nothing done) for any other.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean finished(Instance instance, InstanceTaskFinished event) {
        if (!isCurrent(instance, event.reference()) || instance.deletedAt != null) {
            return false;
        }
        boolean revert = InstanceTaskFinished.REVERT_RESIZE.equals(event.task());
        TaskState task = instance.taskState;
        if (revert ? task != TaskState.RESIZE_REVERTING : task != TaskState.RESIZING && task != TaskState.RESIZE_PREP) {
            return false;
        }
        OffsetDateTime now = InstanceEvents.now();
        history.finishTask(instance, now, event.succeeded() ? InstanceActionRecord.SUCCESS
                : InstanceActionRecord.ERROR, event.succeeded() ? null : event.fault());
        instance.taskState = null;
        instance.updatedAt = now;
        if (revert && !event.succeeded()) {
            return true; // still RESIZED: the user may confirm, or revert again
        }
        if (!revert && event.succeeded()) {
            instance.resizedAt = now;
            instance.vmState = VmState.RESIZED;
            InstanceEvents.updatePlacement(instance, InstanceEvents.currentFlavor(instance), null);
            return true;
        }
        // a revert done, or a resize the host could not do (it put the old disk and flavor back)
        FlavorSpec gone = InstanceEvents.currentFlavor(instance);
        FlavorSpec back = InstanceEvents.resizeFromFlavor(instance);
        restoreOldFlavor(instance);
        instance.vmState = instance.vmState == VmState.ERROR ? VmState.ERROR : InstanceEvents.stableState(instance);
        InstanceEvents.updatePlacement(instance, back, null);
        settled(instance, Topics.INSTANCE_LIFECYCLE, InstanceResizeSettled.Outcome.REVERTED, back, gone,
                event.reference(), now);
        return true;
    }

    /** The new flavor stays: done at once; the host drops the old disk's copy, the scheduler the old size. */
    void confirm(Instance instance, Actor actor, String why) {
        InstanceLifecycle.require(instance, Transition.CONFIRM_RESIZE);
        OffsetDateTime now = InstanceEvents.now();
        FlavorSpec kept = InstanceEvents.currentFlavor(instance);
        FlavorSpec dropped = InstanceEvents.resizeFromFlavor(instance);
        String reference = String.valueOf(instance.resizeReference);
        clearResize(instance);
        instance.vmState = InstanceEvents.stableState(instance);
        instance.updatedAt = now;
        history.record(instance, Transition.CONFIRM_RESIZE.actionName(), actor, now, InstanceActionRecord.SUCCESS,
                why);
        settled(instance, Topics.INSTANCE_ACTIONS, InstanceResizeSettled.Outcome.CONFIRMED, kept, dropped, reference,
                now);
        settled(instance, Topics.INSTANCE_LIFECYCLE, InstanceResizeSettled.Outcome.CONFIRMED, kept, dropped,
                reference, now);
    }

    /** The old flavor and disk come back: task {@code resize_reverting} until the host has done it. */
    void revert(Instance instance, Actor actor) {
        InstanceLifecycle.require(instance, Transition.REVERT_RESIZE);
        OffsetDateTime now = InstanceEvents.now();
        instance.taskState = TaskState.RESIZE_REVERTING;
        instance.updatedAt = now;
        InstanceActionRecord record = history.start(instance, Transition.REVERT_RESIZE.actionName(), actor, now);
        record.message = "flavor " + instance.flavorId + " back to " + instance.resizeFromFlavorId;
        instance.taskActionId = record.id;
        settled(instance, Topics.INSTANCE_ACTIONS, InstanceResizeSettled.Outcome.REVERTED,
                InstanceEvents.resizeFromFlavor(instance), InstanceEvents.currentFlavor(instance),
                String.valueOf(instance.resizeReference), now);
    }

    private void settled(Instance instance, String topic, InstanceResizeSettled.Outcome outcome, FlavorSpec flavor,
            FlavorSpec other, String reference, OffsetDateTime now) {
        UUID eventId = UUID.randomUUID();
        events.send(instance, topic, eventId, new InstanceResizeSettled(eventId.toString(),
                InstanceResizeSettled.VERSION, instance.id.toString(), instance.projectId, instance.host, outcome,
                flavor, other, reference, now.toInstant()));
    }

    private static boolean isCurrent(Instance instance, String reference) {
        return instance.resizeReference != null && instance.resizeReference.toString().equals(reference);
    }

    private static void restoreOldFlavor(Instance instance) {
        if (instance.resizeFromFlavorId != null) {
            instance.flavorId = instance.resizeFromFlavorId;
            instance.vcpus = instance.resizeFromVcpus;
            instance.ramMb = instance.resizeFromRamMb;
            instance.diskGb = instance.resizeFromDiskGb;
        }
        clearResize(instance);
    }

    private static void clearResize(Instance instance) {
        instance.resizeFromFlavorId = null;
        instance.resizeFromVcpus = null;
        instance.resizeFromRamMb = null;
        instance.resizeFromDiskGb = null;
        instance.resizedAt = null;
        instance.resizeReference = null;
    }
}
