package dev.stratus.agent.reconcile;

import dev.stratus.contracts.InstanceRebuildRequested;
import dev.stratus.contracts.InstanceResizeClaimed;
import dev.stratus.contracts.InstanceResizeSettled;
import dev.stratus.contracts.InstanceTaskFinished;
import dev.stratus.contracts.StratusEvent;

import java.time.Instant;

/**
 * A task of an instance that changes its domain or its root disk, asked by the control plane and not yet reported
 * finished: a resize ({@link InstanceResizeClaimed}), its revert or its confirmation ({@link InstanceResizeSettled})
 * or a rebuild ({@link InstanceRebuildRequested}). Run by the {@link DomainTaskConverger} while {@code outcome} is
 * null, else only reported.
 *
 * @param task      {@value InstanceTaskFinished#RESIZE}, {@value InstanceTaskFinished#REVERT_RESIZE},
 *                  {@value #CONFIRM_RESIZE} or {@value InstanceTaskFinished#REBUILD}
 * @param reference the request's reference (what the control plane's task is about)
 * @param request   the event that asked for it
 * @param outcome   the journaled {@link InstanceTaskFinished} not yet acknowledged by the broker, or null (always null
 *                  for a confirmation, which is not reported)
 */
public record DomainTask(String task, String reference, StratusEvent request, InstanceTaskFinished outcome) {
    /** Dropping the copy of the disk a resize kept: no shutdown, nothing reported. */
    public static final String CONFIRM_RESIZE = "confirm-resize";

    /** The task {@code request} asks for. */
    public static DomainTask of(StratusEvent request) {
        if (request instanceof InstanceResizeClaimed claim) {
            return new DomainTask(InstanceTaskFinished.RESIZE, claim.reference(), claim, null);
        }
        if (request instanceof InstanceResizeSettled settled) {
            return new DomainTask(settled.outcome() == InstanceResizeSettled.Outcome.CONFIRMED ? CONFIRM_RESIZE
                    : InstanceTaskFinished.REVERT_RESIZE, settled.reference(), settled, null);
        }
        if (request instanceof InstanceRebuildRequested rebuild) {
            return new DomainTask(InstanceTaskFinished.REBUILD, rebuild.reference(), rebuild, null);
        }
        throw new IllegalArgumentException("not a domain task: " + request.getClass().getSimpleName());
    }

    /** The instance the task is of. */
    public String instanceId() {
        if (request instanceof InstanceResizeClaimed claim) {
            return claim.instanceId();
        }
        if (request instanceof InstanceResizeSettled settled) {
            return settled.instanceId();
        }
        return ((InstanceRebuildRequested) request).instanceId();
    }

    /** When the control plane asked for it (tasks of one instance run in this order). */
    Instant askedAt() {
        if (request instanceof InstanceResizeClaimed claim) {
            return claim.claimedAt();
        }
        if (request instanceof InstanceResizeSettled settled) {
            return settled.settledAt();
        }
        return ((InstanceRebuildRequested) request).requestedAt();
    }

    /** Names the task among the instance's tasks, and its records in the journal. */
    public String key() {
        return task + "." + reference;
    }

    /** Whether it shuts the domain down and defines it anew (all but a confirmation). */
    public boolean changesTheDomain() {
        return !CONFIRM_RESIZE.equals(task);
    }

    public boolean finished() {
        return outcome != null;
    }

    DomainTask withOutcome(InstanceTaskFinished finished) {
        return new DomainTask(task, reference, request, finished);
    }
}
