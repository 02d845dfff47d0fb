package dev.stratus.api.lifecycle;

import dev.stratus.contracts.PowerOperation;

/**
 * What a user (or Stratus itself) asks of an existing instance: a closed set, each applied by
 * {@link InstanceLifecycle#apply}. A power command names the {@link PowerOperation} the instance's host performs.
 */
public sealed interface Command {
    /** The row of the table this command is checked against. */
    Transition transition();

    /** What the host is asked to do, or null for a command that is not a power request. */
    default PowerOperation operation() {
        return null;
    }

    record Delete() implements Command {
        public Transition transition() {
            return Transition.DELETE;
        }
    }

    /** The server's time is up ({@code expires_at}): Stratus deletes it with everything it holds. */
    record Expire() implements Command {
        public Transition transition() {
            return Transition.EXPIRE;
        }
    }

    /** ACPI shutdown, forced off after the host's grace period; {@code force} skips the shutdown. */
    record Stop(boolean force) implements Command {
        public Transition transition() {
            return Transition.STOP;
        }

        public PowerOperation operation() {
            return force ? PowerOperation.FORCE_STOP : PowerOperation.STOP;
        }
    }

    record Start() implements Command {
        public Transition transition() {
            return Transition.START;
        }

        public PowerOperation operation() {
            return PowerOperation.START;
        }
    }

    /** A soft reboot asks the guest (ACPI) and resets it after the grace period; a hard one resets it at once. */
    record Reboot(boolean hard) implements Command {
        public Transition transition() {
            return hard ? Transition.REBOOT_HARD : Transition.REBOOT_SOFT;
        }

        public PowerOperation operation() {
            return hard ? PowerOperation.HARD_REBOOT : PowerOperation.SOFT_REBOOT;
        }
    }

    record Pause() implements Command {
        public Transition transition() {
            return Transition.PAUSE;
        }

        public PowerOperation operation() {
            return PowerOperation.PAUSE;
        }
    }

    record Unpause() implements Command {
        public Transition transition() {
            return Transition.UNPAUSE;
        }

        public PowerOperation operation() {
            return PowerOperation.UNPAUSE;
        }
    }

    /** libvirt managed save: the guest's memory goes to the host's disk and survives an agent restart. */
    record Suspend() implements Command {
        public Transition transition() {
            return Transition.SUSPEND;
        }

        public PowerOperation operation() {
            return PowerOperation.SUSPEND;
        }
    }

    record Resume() implements Command {
        public Transition transition() {
            return Transition.RESUME;
        }

        public PowerOperation operation() {
            return PowerOperation.RESUME;
        }
    }

    /** A new flavor ({@code to}, validated): the scheduler claims it, the host applies it, the user confirms. */
    record Resize(dev.stratus.contracts.FlavorSpec to) implements Command {
        public Transition transition() {
            return Transition.RESIZE;
        }
    }

    /** The new flavor stays: the old disk's copy goes, the scheduler keeps the new size only. */
    record ConfirmResize() implements Command {
        public Transition transition() {
            return Transition.CONFIRM_RESIZE;
        }
    }

    /** The old flavor and the old disk come back. */
    record RevertResize() implements Command {
        public Transition transition() {
            return Transition.REVERT_RESIZE;
        }
    }

    /** A new root disk from {@code image} (resolved, active); id, name, ports and addresses stay. */
    record Rebuild(dev.stratus.contracts.ImageRef image) implements Command {
        public Transition transition() {
            return Transition.REBUILD;
        }
    }
}
