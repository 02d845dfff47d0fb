package dev.stratus.api.lifecycle;

import dev.stratus.api.model.DesiredState;
import dev.stratus.api.model.Instance;
import dev.stratus.api.model.InstanceActionRecord;
import dev.stratus.api.model.ShutdownBehavior;
import dev.stratus.api.model.TaskState;
import dev.stratus.api.outbox.Outbox;
import dev.stratus.contracts.InstanceDeleteRequested;
import dev.stratus.contracts.InstanceDeleted;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.InstancePlacementFailed;
import dev.stratus.contracts.InstancePowerRequested;
import dev.stratus.contracts.InstanceRequested;
import dev.stratus.contracts.InstanceSnapshotRequested;
import dev.stratus.contracts.InstanceTaskFinished;
import dev.stratus.contracts.InstanceStatusChanged;
import dev.stratus.contracts.Topics;
import dev.stratus.contracts.VmState;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The one place where an instance's life is decided. Commands (a user's create, delete and power actions; what
 * Stratus does by itself) are checked against the {@link Transition} table; observations (placed, placement failed,
 * status observed) move the {@code vm_state} and end tasks. Each change writes its event to the outbox and its entry
 * in the action history in the caller's transaction. No other class writes desired state, {@code vm_state} or
 * {@code task_state}. See {@code docs/lifecycle.md}.
 */
@ApplicationScoped
public class InstanceLifecycle {
    private static final Logger LOG = Logger.getLogger(InstanceLifecycle.class);
    public static final String AGGREGATE = "instance";

    @Inject
    Outbox outbox;
    @Inject
    ActionHistory history;

    // ------------------------------------------------------------------------------------------------ commands

    /** A new instance: BUILDING while it is scheduled, its request on its way to the scheduler. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void create(Instance instance, InstanceRequested request, Actor actor) {
        OffsetDateTime now = now();
        instance.desiredState = DesiredState.RUNNING;
        instance.vmState = VmState.BUILDING;
        instance.taskState = TaskState.SCHEDULING;
        instance.createdAt = now;
        instance.updatedAt = now;
        instance.persist();
        instance.taskActionId = history.start(instance, "create", actor, now).id;
        outbox.add(AGGREGATE, instance.id.toString(), Topics.INSTANCE_REQUESTS, UUID.fromString(request.eventId()),
                request);
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

    /** Applies a command to a locked instance row, or throws its 409. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(Instance instance, Command command, Actor actor) {
        if (command instanceof Command.Delete || command instanceof Command.Expire) {
            delete(instance, command.transition(), actor, command instanceof Command.Expire
                    ? "expires_at " + instance.expiresAt + " has passed" : null);
            return;
        }
        Transition transition = command.transition();
        require(instance, transition);
        if (instance.host == null) {
            throw ApiException.conflict("server " + instance.id + " is on no host; it cannot "
                    + transition.actionName());
        }
        OffsetDateTime now = now();
        instance.powerGeneration++;
        instance.powerOperation = command.operation();
        instance.desiredState = transition.desired();
        instance.taskState = transition.task();
        instance.updatedAt = now;
        instance.taskActionId = history.start(instance, transition.actionName(), actor, now).id;
        UUID eventId = UUID.randomUUID();
        outbox.add(AGGREGATE, instance.id.toString(), Topics.INSTANCE_ACTIONS, eventId,
                new InstancePowerRequested(eventId.toString(), InstancePowerRequested.VERSION, instance.id.toString(),
                        instance.projectId, instance.host, instance.powerGeneration, command.operation(),
                        now.toInstant()));
    }

    /**
     * Starts the instance's {@code image_snapshot} task: its host flattens the disk into queued image {@code imageId}
     * and ends the task with {@code InstanceTaskFinished} ({@link #taskFinished}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void snapshot(Instance instance, String imageId, Actor actor) {
        require(instance, Transition.SNAPSHOT);
        if (instance.host == null) {
            throw ApiException.conflict("server " + instance.id + " is on no host yet; it has no disk to snapshot");
        }
        OffsetDateTime now = now();
        instance.taskState = TaskState.IMAGE_SNAPSHOT;
        instance.updatedAt = now;
        InstanceActionRecord record = history.start(instance, Transition.SNAPSHOT.actionName(), actor, now);
        record.message = "image " + imageId;
        instance.taskActionId = record.id;
        UUID eventId = UUID.randomUUID();
        outbox.add(AGGREGATE, instance.id.toString(), Topics.INSTANCE_ACTIONS, eventId,
                new InstanceSnapshotRequested(eventId.toString(), InstanceSnapshotRequested.VERSION,
                        instance.id.toString(), instance.projectId, instance.host, imageId, now.toInstant()));
    }

    private void delete(Instance instance, Transition transition, Actor actor, String why) {
        require(instance, transition);
        if (instance.taskState == TaskState.DELETING) {
            return; // asked again: the delete is on its way
        }
        OffsetDateTime now = now();
        if (instance.taskState == TaskState.IMAGE_SNAPSHOT) {
            instance.taskActionId = null; // the host finishes the snapshot before it deletes; taskFinished records it
        }
        history.finishTask(instance, now, InstanceActionRecord.ERROR, "superseded by a delete");
        instance.desiredState = DesiredState.DELETED;
        instance.updatedAt = now;
        if (instance.vmState == VmState.ERROR && instance.host == null) { // never reached a host: nothing to remove
            history.record(instance, transition.actionName(), actor, now, InstanceActionRecord.SUCCESS, why);
            gone(instance, now);
            return;
        }
        instance.taskState = TaskState.DELETING;
        InstanceActionRecord record = history.start(instance, transition.actionName(), actor, now);
        record.message = why;
        instance.taskActionId = record.id;
        UUID eventId = UUID.randomUUID();
        outbox.add(AGGREGATE, instance.id.toString(), Topics.INSTANCE_REQUESTS, eventId,
                new InstanceDeleteRequested(eventId.toString(), InstanceDeleteRequested.VERSION,
                        instance.id.toString(), instance.projectId, now.toInstant()));
    }

    // ------------------------------------------------------------------------------------------------ observations

    /** The scheduler placed the instance on a host: the spawn begins. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void placed(Instance instance, InstancePlaced event) {
        instance.host = event.host();
        instance.agentUrl = event.agentUrl();
        instance.placement = dev.stratus.platform.events.EventCodec.encodeToString(event);
        if (instance.taskState == TaskState.SCHEDULING) {
            instance.taskState = TaskState.SPAWNING;
        }
        instance.updatedAt = now();
    }

    /** No host could take the instance: ERROR with the scheduler's reason (or gone, if a delete was asked). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void placementFailed(Instance instance, InstancePlacementFailed event) {
        OffsetDateTime now = now();
        if (instance.desiredState == DesiredState.DELETED) {
            history.finishTask(instance, now, InstanceActionRecord.SUCCESS, null);
            gone(instance, now);
            return;
        }
        history.finishTask(instance, now, InstanceActionRecord.ERROR, event.reason());
        instance.vmState = VmState.ERROR;
        instance.taskState = null;
        instance.fault = event.reason();
        instance.updatedAt = now;
    }

    /**
     * What the host's agent observed. A status older than the last applied one (by seq) is ignored. A task ends when
     * the status shows its outcome: the create's with the first state past BUILDING, a power request's with a status
     * of its generation (success when the instance is in the state the action leads to). An incident (the guest
     * powered off, the domain was restarted) is recorded; a guest's own shutdown becomes what the user wants, or a
     * delete under {@code shutdown_behavior: delete}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void observed(Instance instance, InstanceStatusChanged event) {
        if (event.seq() <= instance.statusSeq) {
            LOG.debugf("ignoring stale status seq %d <= %d of %s", event.seq(), instance.statusSeq, instance.id);
            return;
        }
        OffsetDateTime now = now();
        instance.statusSeq = event.seq();
        instance.powerState = event.powerState();
        instance.host = event.host();
        instance.updatedAt = now;
        if (event.vmState() == VmState.DELETED) {
            history.finishTask(instance, now, InstanceActionRecord.SUCCESS, null);
            gone(instance, now);
            return;
        }
        instance.vmState = event.vmState();
        instance.fault = event.vmState() == VmState.ERROR ? event.fault() : null;
        endTask(instance, event, now);
        if (event.incident() != null) {
            incident(instance, event, now);
        }
    }

    private void endTask(Instance instance, InstanceStatusChanged event, OffsetDateTime now) {
        TaskState task = instance.taskState;
        if (task == null || task == TaskState.DELETING) {
            return;
        }
        if (task == TaskState.SCHEDULING || task == TaskState.SPAWNING) {
            if (event.vmState() == VmState.BUILDING) {
                instance.taskState = TaskState.SPAWNING;
                return;
            }
            finish(instance, now, event.vmState() != VmState.ERROR, event.fault());
            return;
        }
        if (event.generation() < instance.powerGeneration && event.vmState() != VmState.ERROR) {
            return; // the host has not taken the request yet (an ERROR, which no power action starts from, ends it)
        }
        VmState expected = Transition.ofTask(task).endsIn();
        finish(instance, now, event.vmState() == expected, event.vmState() == expected ? null
                : "ended " + event.vmState() + " instead of " + expected
                        + (event.fault() == null ? "" : ": " + event.fault()));
    }

    private void finish(Instance instance, OffsetDateTime now, boolean success, String message) {
        history.finishTask(instance, now, success ? InstanceActionRecord.SUCCESS : InstanceActionRecord.ERROR,
                message);
        instance.taskState = null;
    }

    private void incident(Instance instance, InstanceStatusChanged event, OffsetDateTime now) {
        Actor stratus = Actor.stratus();
        switch (event.incident()) {
            case GUEST_SHUTDOWN -> {
                if (instance.desiredState != DesiredState.RUNNING || instance.vmState != VmState.STOPPED
                        || event.generation() < instance.powerGeneration) {
                    return; // a repeat, or a shutdown from before the user's latest request
                }
                history.record(instance, "guest-shutdown", stratus, now, InstanceActionRecord.SUCCESS,
                        "the guest powered itself off");
                instance.desiredState = DesiredState.STOPPED;
                if (instance.shutdownBehavior == ShutdownBehavior.DELETE && instance.taskState == null) {
                    delete(instance, Transition.DELETE, stratus,
                            "shutdown_behavior is delete: the guest powered itself off");
                }
            }
            case RESTARTED_AFTER_DESTROY -> history.record(instance, "restart", stratus, now,
                    InstanceActionRecord.SUCCESS, "the domain was destroyed outside Stratus; started again");
            case RESTARTED_AFTER_CRASH -> history.record(instance, "restart", stratus, now,
                    InstanceActionRecord.SUCCESS, "the guest crashed; started again");
            case REBUILT_MISSING_DOMAIN -> history.record(instance, "rebuild", stratus, now,
                    InstanceActionRecord.SUCCESS, "the domain was gone from its host; built again");
            default -> LOG.warnf("instance %s: unknown incident %s", instance.id, event.incident());
        }
    }

    /**
     * The host finished a task that is not a power change (a snapshot): its history entry gets the outcome, and the
     * instance's task ends unless a delete took over meanwhile. Also for an instance deleted since (history only).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void taskFinished(Instance instance, InstanceTaskFinished event) {
        OffsetDateTime now = now();
        String marker = "image " + event.reference();
        var open = InstanceActionRecord.<InstanceActionRecord>find("instanceId = ?1 and action = ?2"
                + " and finishedAt is null and message = ?3", instance.id, event.task(), marker).firstResultOptional();
        if (open.isEmpty()) {
            return; // a repeat (a redelivered request done again), or a task no longer open: nothing to end
        }
        InstanceActionRecord record = open.get();
        boolean current = record.id.equals(instance.taskActionId);
        record.finish(now, event.succeeded() ? InstanceActionRecord.SUCCESS : InstanceActionRecord.ERROR,
                event.succeeded() ? marker : marker + ": " + event.fault());
        if (current && instance.taskState == TaskState.IMAGE_SNAPSHOT && instance.deletedAt == null) {
            instance.taskState = null;
            instance.taskActionId = null;
            instance.updatedAt = now;
        }
    }

    /** Its host stopped reporting: the server shows UNKNOWN (its vm_state is kept) until the host is back. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void hostLost(Instance instance, OffsetDateTime lastReport) {
        if (instance.hostLostAt == null) {
            OffsetDateTime now = now();
            instance.hostLostAt = now;
            instance.updatedAt = now;
            history.record(instance, "host-lost", Actor.stratus(), now, InstanceActionRecord.SUCCESS, "host "
                    + instance.host + " has not reported since " + lastReport + ": status UNKNOWN");
        }
    }

    /** Its host reports again: the server shows its vm_state again. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void hostBack(Instance instance) {
        if (instance.hostLostAt != null) {
            OffsetDateTime now = now();
            instance.hostLostAt = null;
            instance.updatedAt = now;
            history.record(instance, "host-back", Actor.stratus(), now, InstanceActionRecord.SUCCESS, "host "
                    + instance.host + " reports again");
        }
    }

    /** The instance is finally gone: its row is kept as deleted and every service hears it once. */
    private void gone(Instance instance, OffsetDateTime now) {
        instance.vmState = VmState.DELETED;
        instance.taskState = null;
        instance.desiredState = DesiredState.DELETED;
        instance.deletedAt = now;
        instance.updatedAt = now;
        UUID eventId = UUID.randomUUID();
        outbox.add(AGGREGATE, instance.id.toString(), Topics.INSTANCE_LIFECYCLE, eventId,
                new InstanceDeleted(eventId.toString(), InstanceDeleted.VERSION, instance.id.toString(),
                        instance.projectId, instance.host, now.toInstant()));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
