package dev.stratus.api.lifecycle;

import dev.stratus.api.model.DesiredState;
import dev.stratus.api.model.Instance;
import dev.stratus.api.model.InstanceActionRecord;
import dev.stratus.api.model.TaskState;
import dev.stratus.contracts.InstanceDeleteRequested;
import dev.stratus.contracts.InstancePowerRequested;
import dev.stratus.contracts.InstanceRequested;
import dev.stratus.contracts.InstanceSnapshotRequested;
import dev.stratus.contracts.Topics;
import dev.stratus.contracts.VmState;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The one place where an instance's life is decided, with its parts in this package: the commands (a user's create,
 * delete, power actions, resize, rebuild, snapshot; what Stratus does by itself) are checked here against the
 * {@link Transition} table; {@link InstanceObservations} applies what the scheduler and the hosts report;
 * {@link InstanceResizes} and {@link InstanceRebuilds} carry those two longer tasks. Each change writes its event to
 * the outbox and its entry in the action history in the caller's transaction. No class outside this package writes
 * desired state, {@code vm_state} or {@code task_state}. See {@code docs/lifecycle.md}.
 */
@ApplicationScoped
public class InstanceLifecycle {
    @Inject
    InstanceEvents events;
    @Inject
    ActionHistory history;
    @Inject
    InstanceResizes resizes;
    @Inject
    InstanceRebuilds rebuilds;

    /** A new instance: BUILDING while it is scheduled, its request on its way to the scheduler. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void create(Instance instance, InstanceRequested request, Actor actor) {
        OffsetDateTime now = InstanceEvents.now();
        instance.desiredState = DesiredState.RUNNING;
        instance.vmState = VmState.BUILDING;
        instance.taskState = TaskState.SCHEDULING;
        instance.createdAt = now;
        instance.updatedAt = now;
        instance.persist();
        instance.taskActionId = history.start(instance, "create", actor, now).id;
        events.send(instance, Topics.INSTANCE_REQUESTS, UUID.fromString(request.eventId()), request);
    }

    /** Throws the 409 problem naming the action, the vm_state and the task_state when the table refuses it. */
    public static void require(Instance instance, Transition transition) {
        if (!transition.allows(instance.vmState, instance.taskState)) {
            String task = instance.taskState == null ? "none" : instance.taskState.apiName();
            throw ApiException.conflict("cannot " + transition.actionName() + " server " + instance.id
                            + ": its vm_state is " + instance.vmState + " and its task_state is " + task + "; "
                            + transition.actionName() + " needs vm_state " + Transition.allowedStates(transition)
                            + (transition.allows(instance.vmState, null) ? " and no task in flight" : ""))
                    .withExtension("action", transition.actionName())
                    .withExtension("vm_state", instance.vmState.name())
                    .withExtension("task_state", instance.taskState == null ? null : instance.taskState.apiName());
        }
    }

    /** Throws a 409 when the instance never reached a host: there is nothing there to act on. */
    static void requireHost(Instance instance, Transition transition) {
        if (instance.host == null) {
            throw ApiException.conflict("server " + instance.id + " is on no host; it cannot "
                    + transition.actionName());
        }
    }

    /** Applies a command to a locked instance row, or throws its 409 (or the 400 of a resize it cannot take). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(Instance instance, Command command, Actor actor) {
        if (command instanceof Command.Delete || command instanceof Command.Expire) {
            delete(instance, command.transition(), actor, command instanceof Command.Expire
                    ? "expires_at " + instance.expiresAt + " has passed" : null);
        } else if (command instanceof Command.Resize resize) {
            resizes.resize(instance, resize, actor);
        } else if (command instanceof Command.ConfirmResize) {
            resizes.confirm(instance, actor, null);
        } else if (command instanceof Command.RevertResize) {
            resizes.revert(instance, actor);
        } else if (command instanceof Command.Rebuild rebuild) {
            rebuilds.rebuild(instance, rebuild, actor);
        } else {
            power(instance, command, actor);
        }
    }

    /** Stratus confirms a resize that waited longer than {@code stratus.api.resize-confirm-after}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void autoConfirmResize(Instance instance, String why) {
        resizes.confirm(instance, Actor.stratus(), why);
    }

    private void power(Instance instance, Command command, Actor actor) {
        Transition transition = command.transition();
        require(instance, transition);
        requireHost(instance, transition);
        OffsetDateTime now = InstanceEvents.now();
        instance.powerGeneration++;
        instance.powerOperation = command.operation();
        instance.desiredState = transition.desired();
        instance.taskState = transition.task();
        instance.updatedAt = now;
        instance.taskActionId = history.start(instance, transition.actionName(), actor, now).id;
        UUID eventId = UUID.randomUUID();
        events.send(instance, Topics.INSTANCE_ACTIONS, eventId, new InstancePowerRequested(eventId.toString(),
                InstancePowerRequested.VERSION, instance.id.toString(), instance.projectId, instance.host,
                instance.powerGeneration, command.operation(), now.toInstant()));
    }

    /**
     * Starts the instance's {@code image_snapshot} task: its host flattens the disk into queued image {@code imageId}
     * and ends the task with {@code InstanceTaskFinished} ({@link InstanceObservations#taskFinished}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void snapshot(Instance instance, String imageId, Actor actor) {
        require(instance, Transition.SNAPSHOT);
        if (instance.host == null) {
            throw ApiException.conflict("server " + instance.id + " is on no host yet; it has no disk to snapshot");
        }
        OffsetDateTime now = InstanceEvents.now();
        instance.taskState = TaskState.IMAGE_SNAPSHOT;
        instance.updatedAt = now;
        InstanceActionRecord record = history.start(instance, Transition.SNAPSHOT.actionName(), actor, now);
        record.message = InstanceObservations.snapshotMarker(imageId);
        instance.taskActionId = record.id;
        UUID eventId = UUID.randomUUID();
        events.send(instance, Topics.INSTANCE_ACTIONS, eventId, new InstanceSnapshotRequested(eventId.toString(),
                InstanceSnapshotRequested.VERSION, instance.id.toString(), instance.projectId, instance.host, imageId,
                now.toInstant()));
    }

    void delete(Instance instance, Transition transition, Actor actor, String why) {
        require(instance, transition);
        if (instance.taskState == TaskState.DELETING) {
            return; // asked again: the delete is on its way
        }
        OffsetDateTime now = InstanceEvents.now();
        if (instance.taskState == TaskState.IMAGE_SNAPSHOT) {
            instance.taskActionId = null; // the host finishes the flatten before it deletes; its report records it
        }
        history.finishTask(instance, now, InstanceActionRecord.ERROR, "superseded by a delete");
        instance.desiredState = DesiredState.DELETED;
        instance.updatedAt = now;
        if (instance.vmState == VmState.ERROR && instance.host == null) { // never reached a host: nothing to remove
            history.record(instance, transition.actionName(), actor, now, InstanceActionRecord.SUCCESS, why);
            events.gone(instance, now);
            return;
        }
        instance.taskState = TaskState.DELETING;
        InstanceActionRecord record = history.start(instance, transition.actionName(), actor, now);
        record.message = why;
        instance.taskActionId = record.id;
        UUID eventId = UUID.randomUUID();
        events.send(instance, Topics.INSTANCE_REQUESTS, eventId, new InstanceDeleteRequested(eventId.toString(),
                InstanceDeleteRequested.VERSION, instance.id.toString(), instance.projectId, now.toInstant()));
    }
}
