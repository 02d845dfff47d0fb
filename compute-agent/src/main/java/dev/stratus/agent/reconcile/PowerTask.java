package dev.stratus.agent.reconcile;

import dev.stratus.contracts.PowerOperation;

import java.time.Duration;
import java.time.Instant;

/**
 * A graceful power action the reconciler has begun and checks again later: an ACPI shutdown ({@code STOP}) or an
 * ACPI reboot ({@code SOFT_REBOOT}), forced (power off, reset) once {@code grace} has passed since
 * {@code startedAt}. In memory only: after an agent restart the action is begun again.
 *
 * @param resetsBefore the driver's reset count of the guest when the reboot was asked (a larger one: it rebooted)
 */
record PowerTask(PowerOperation operation, long generation, Instant startedAt, long resetsBefore) {

    boolean is(PowerOperation op, long gen) {
        return operation == op && generation == gen;
    }

    /** Whether {@code grace} has not passed yet since the task began. */
    boolean within(Duration grace) {
        return Instant.now().isBefore(startedAt.plus(grace));
    }

    /** How long is left of {@code grace}; zero or negative once it has passed. */
    Duration remaining(Duration grace) {
        return Duration.between(Instant.now(), startedAt.plus(grace));
    }
}
