package dev.stratus.api.lifecycle;

import dev.stratus.api.model.DesiredState;
import dev.stratus.api.model.Instance;
import dev.stratus.api.model.InstanceActionRecord;
import dev.stratus.api.model.ShutdownBehavior;
import dev.stratus.api.model.TaskState;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.InstancePlacementFailed;
import dev.stratus.contracts.InstanceResizeClaimed;
import dev.stratus.contracts.InstanceResizeRefused;
import dev.stratus.contracts.InstanceStatusChanged;
import dev.stratus.contracts.InstanceTaskFinished;
import dev.stratus.contracts.VmState;
import dev.stratus.platform.events.EventCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What the scheduler and the hosts report about an instance, applied to its locked row: placed, placement failed,
 * status observed, a task finished, resize claimed or refused, host lost and back. Observations move the
 * {@code vm_state} and end tasks; they never start one, except the delete a guest's own shutdown asks for under
 * {@code shutdown_behavior: delete} (through {@link InstanceLifecycle}).
 */
@ApplicationScoped
public class InstanceObservations {
    private static final Logger LOG = Logger.getLogger(InstanceObservations.class);

    @Inject
    InstanceEvents events;
    @Inject
    ActionHistory history;
    @Inject
    InstanceLifecycle commands;
    @Inject
    InstanceResizes resizes;
    @Inject
    InstanceRebuilds rebuilds;

    /**
     * The scheduler placed the instance on a host: the spawn begins. The placement is kept (what the host builds the
     * instance from again after losing its files) with the instance's guest identity, also when a scheduler older
     * than identities sent none.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void placed(Instance instance, InstancePlaced event) {
        instance.host = event.host();
        instance.agentUrl = event.agentUrl();
        instance.placement = EventCodec.encodeToString(event.identity() != null ? event
                : event.withIdentity(new dev.stratus.contracts.GuestIdentity(instance.hostname, instance.keyName,
                        instance.publicKey, instance.userData, instance.metadata, instance.configDrive)));
        if (instance.taskState == TaskState.SCHEDULING) {
            instance.taskState = TaskState.SPAWNING;
        }
        instance.updatedAt = InstanceEvents.now();
    }

    /** No host could take the instance: ERROR with the scheduler's reason (or gone, if a delete was asked). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void placementFailed(Instance instance, InstancePlacementFailed event) {
        OffsetDateTime now = InstanceEvents.now();
        if (instance.desiredState == DesiredState.DELETED) {
            history.finishTask(instance, now, InstanceActionRecord.SUCCESS, null);
            events.gone(instance, now);
            return;
        }
        history.finishTask(instance, now, InstanceActionRecord.ERROR, event.reason());
        instance.vmState = VmState.ERROR;
        instance.taskState = null;
        instance.fault = event.reason();
        instance.updatedAt = now;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void resizeClaimed(Instance instance, InstanceResizeClaimed event) {
        resizes.claimed(instance, event);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void resizeRefused(Instance instance, InstanceResizeRefused event) {
        resizes.refused(instance, event);
    }

    /**
     * What the host's agent observed. A status older than the last applied one (by seq) is ignored. A task ends when
     * the status shows its outcome: the create's with the first state past BUILDING, a power request's with a status
     * of its generation (success when the instance is in the state the action leads to). An incident (the guest
     * powered off, the domain was restarted) is recorded; a guest's own shutdown becomes what the user wants, or a
     * delete under {@code shutdown_behavior: delete}. While a resize awaits confirmation the instance stays RESIZED
     * whether its domain runs or not ({@code power_state} tells).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void observed(Instance instance, InstanceStatusChanged event) {
        if (event.seq() <= instance.statusSeq) {
            LOG.debugf("ignoring stale status seq %d <= %d of %s", event.seq(), instance.statusSeq, instance.id);
            return;
        }
        OffsetDateTime now = InstanceEvents.now();
        instance.statusSeq = event.seq();
        instance.powerState = event.powerState();
        instance.host = event.host();
        instance.updatedAt = now;
        if (event.vmState() == VmState.DELETED) {
            history.finishTask(instance, now, InstanceActionRecord.SUCCESS, null);
            events.gone(instance, now);
            return;
        }
        boolean held = instance.awaitsResizeConfirmation()
                && (event.vmState() == VmState.ACTIVE || event.vmState() == VmState.STOPPED);
        instance.vmState = held ? VmState.RESIZED : event.vmState();
        instance.fault = event.vmState() == VmState.ERROR ? event.fault() : null;
        endTask(instance, event, now);
        if (event.incident() != null) {
            incident(instance, event, now);
        }
    }

    private void endTask(Instance instance, InstanceStatusChanged event, OffsetDateTime now) {
        TaskState task = instance.taskState;
        if (task == null || task == TaskState.DELETING || task.endsWithItsOwnReport()) {
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
                if (instance.desiredState != DesiredState.RUNNING || event.vmState() != VmState.STOPPED
                        || event.generation() < instance.powerGeneration) {
                    return; // a repeat, or a shutdown from before the user's latest request
                }
                history.record(instance, "guest-shutdown", stratus, now, InstanceActionRecord.SUCCESS,
                        "the guest powered itself off");
                instance.desiredState = DesiredState.STOPPED;
                if (instance.shutdownBehavior == ShutdownBehavior.DELETE && instance.taskState == null) {
                    commands.delete(instance, Transition.DELETE, stratus,
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

    static String snapshotMarker(String imageId) {
        return "image " + imageId;
    }

    /**
     * The host finished a task that is not a power change: a snapshot (matched by its image), a resize, a revert or
     * a rebuild (matched by the reference its request carried). The task in flight ends; a task no longer in flight
     * (a delete took over) only gets its outcome in the history, also for an instance deleted since.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void taskFinished(Instance instance, InstanceTaskFinished event) {
        OffsetDateTime now = InstanceEvents.now();
        if (InstanceTaskFinished.SNAPSHOT.equals(event.task())) {
            snapshotFinished(instance, event, now);
            return;
        }
        boolean done = InstanceTaskFinished.REBUILD.equals(event.task()) ? rebuilds.finished(instance, event)
                : resizes.finished(instance, event);
        if (done) {
            return;
        }
        UUID reference;
        try {
            reference = UUID.fromString(event.reference());
        } catch (IllegalArgumentException | NullPointerException e) {
            return; // not one of ours
        }
        InstanceActionRecord.<InstanceActionRecord>findByIdOptional(reference)
                .filter(record -> record.instanceId.equals(instance.id) && record.finishedAt == null)
                .ifPresent(record -> record.finish(now, event.succeeded() ? InstanceActionRecord.SUCCESS
                        : InstanceActionRecord.ERROR, event.succeeded() ? null : event.fault()));
    }

    private void snapshotFinished(Instance instance, InstanceTaskFinished event, OffsetDateTime now) {
        var open = InstanceActionRecord.<InstanceActionRecord>find("instanceId = ?1 and action = ?2"
                        + " and finishedAt is null and message = ?3", instance.id, event.task(),
                snapshotMarker(event.reference())).firstResultOptional();
        if (open.isEmpty()) {
            return; // a repeat (a redelivered request done again), or a task no longer open: nothing to end
        }
        InstanceActionRecord record = open.get();
        boolean current = record.id.equals(instance.taskActionId);
        record.finish(now, event.succeeded() ? InstanceActionRecord.SUCCESS : InstanceActionRecord.ERROR,
                event.succeeded() ? null : event.fault());
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
            OffsetDateTime now = InstanceEvents.now();
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
            OffsetDateTime now = InstanceEvents.now();
            instance.hostLostAt = null;
            instance.updatedAt = now;
            history.record(instance, "host-back", Actor.stratus(), now, InstanceActionRecord.SUCCESS, "host "
                    + instance.host + " reports again");
        }
    }
}
