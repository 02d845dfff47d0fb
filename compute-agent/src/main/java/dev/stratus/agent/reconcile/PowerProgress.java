package dev.stratus.agent.reconcile;

import dev.stratus.contracts.InstancePowerRequested;
import dev.stratus.contracts.PowerOperation;

/**
 * An instance's last power request and how far this agent has got with it.
 *
 * @param generation    generation of the last {@link InstancePowerRequested} accepted (0: none yet)
 * @param operation     its operation, null if none
 * @param applied       the last generation whose effect the agent reached; reported as the status's generation
 * @param running       the last generation at which the agent saw the domain running (-1: never). A domain that
 *                      goes shut off while {@code running >= generation} has stopped behind the agent's back
 *                      (the guest, a destroy, a crash); one with {@code running < generation} has not been started
 *                      for the current request yet. Journaled with {@code applied} so this survives a restart.
 * @param pendingReboot SOFT_REBOOT or HARD_REBOOT still to be done for {@code generation}, else null
 * @param task          the graceful action in flight, else null
 */
public record PowerProgress(long generation, PowerOperation operation, long applied, long running,
        PowerOperation pendingReboot, PowerTask task) {

    static final PowerProgress NONE = new PowerProgress(0, null, 0, -1, null, null);

    /** Progress restored from the journal: a reboot not seen through before the restart is done again. */
    static PowerProgress restored(InstancePowerRequested request, long applied, long running) {
        if (request == null) {
            return new PowerProgress(0, null, applied, running, null, null);
        }
        PowerOperation reboot = isReboot(request.operation()) && running < request.generation()
                ? request.operation() : null;
        return new PowerProgress(request.generation(), request.operation(), applied, running, reboot, null);
    }

    boolean seenRunning() {
        return running >= 0;
    }

    /** Whether the agent saw the domain running after it applied the current request. */
    boolean runningAtCurrentGeneration() {
        return running >= generation;
    }

    PowerProgress requested(InstancePowerRequested request) {
        PowerOperation reboot = isReboot(request.operation()) ? request.operation() : null;
        return new PowerProgress(request.generation(), request.operation(), applied, running, reboot, null);
    }

    /** The domain runs with the current request applied (a pending reboot is done). */
    PowerProgress runningNow() {
        return new PowerProgress(generation, operation, generation, generation, null, null);
    }

    /** The current request's state is reached (stopped, paused, suspended). */
    PowerProgress appliedNow() {
        return new PowerProgress(generation, operation, generation, running, pendingReboot, null);
    }

    PowerProgress withTask(PowerTask newTask) {
        return new PowerProgress(generation, operation, applied, running, pendingReboot, newTask);
    }

    private static boolean isReboot(PowerOperation operation) {
        return operation == PowerOperation.SOFT_REBOOT || operation == PowerOperation.HARD_REBOOT;
    }
}
