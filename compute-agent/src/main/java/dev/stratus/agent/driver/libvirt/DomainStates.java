package dev.stratus.agent.driver.libvirt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import dev.stratus.agent.driver.PowerState;
import dev.stratus.agent.driver.ShutoffReason;
import org.libvirt.DomainInfo.DomainState;

/**
 * A domain's state together with libvirt's reason for it ({@code virDomainGetState}), which libvirt-java 0.5.4 does
 * not bind (its {@code getInfo()} has the state only): bound here through JNA, like {@link DomainMemoryTuning}. The
 * reason is what tells a guest's own power-off ({@code VIR_DOMAIN_SHUTOFF_SHUTDOWN}) from a {@code virsh destroy}
 * ({@code _DESTROYED}), a dead QEMU ({@code _CRASHED}, {@code _FAILED}) and a managed save ({@code _SAVED}).
 *
 * @param power  the state, as the driver's power state
 * @param reason why it is shut off or crashed, {@link ShutoffReason#NONE} otherwise
 */
record DomainStates(PowerState power, ShutoffReason reason) {

    /** {@code virDomainState} values (libvirt-domain.h). */
    private static final int SHUTOFF = 5;
    private static final int CRASHED = 6;
    /** {@code virDomainShutoffReason} values. */
    private static final int SHUTOFF_SHUTDOWN = 1;
    private static final int SHUTOFF_DESTROYED = 2;
    private static final int SHUTOFF_CRASHED = 3;
    private static final int SHUTOFF_SAVED = 5;
    private static final int SHUTOFF_FAILED = 6;

    interface LibvirtNative extends Library {
        Pointer virDomainLookupByUUIDString(Pointer connection, String uuid);

        int virDomainGetState(Pointer domain, IntByReference state, IntByReference reason, int flags);

        int virDomainFree(Pointer domain);

        String virGetLastErrorMessage();

        int virGetLastErrorCode();
    }

    /** {@code VIR_ERR_NO_DOMAIN}: the domain went away between the lookup and the call. */
    private static final int NO_DOMAIN = 42;

    private static final LibvirtNative LIBVIRT = Native.load("virt", LibvirtNative.class);

    /** The state of domain {@code uuid}; null if there is no such domain (any more). */
    static DomainStates read(NativeConnect connection, String uuid) {
        Pointer domain = LIBVIRT.virDomainLookupByUUIDString(connection.pointer(), uuid);
        if (domain == null) {
            return null;
        }
        try {
            IntByReference state = new IntByReference();
            IntByReference reason = new IntByReference();
            if (LIBVIRT.virDomainGetState(domain, state, reason, 0) < 0) {
                if (LIBVIRT.virGetLastErrorCode() == NO_DOMAIN) {
                    return null; // undefined meanwhile (a delete, or another agent's domain): no such domain
                }
                throw new IllegalStateException("cannot read the state of " + uuid + ": "
                        + LIBVIRT.virGetLastErrorMessage());
            }
            return of(state.getValue(), reason.getValue());
        } finally {
            LIBVIRT.virDomainFree(domain);
        }
    }

    /** Maps libvirt's numeric state and reason. */
    static DomainStates of(int state, int reason) {
        DomainState[] states = DomainState.values();
        PowerState power = PowerStates.of(state >= 0 && state < states.length ? states[state] : null);
        if (state == CRASHED) {
            return new DomainStates(power, ShutoffReason.CRASHED);
        }
        if (state != SHUTOFF) {
            return new DomainStates(power, ShutoffReason.NONE);
        }
        return new DomainStates(power, switch (reason) {
            case SHUTOFF_SHUTDOWN -> ShutoffReason.GUEST_SHUTDOWN;
            case SHUTOFF_DESTROYED -> ShutoffReason.DESTROYED;
            case SHUTOFF_CRASHED, SHUTOFF_FAILED -> ShutoffReason.CRASHED;
            case SHUTOFF_SAVED -> ShutoffReason.SAVED;
            default -> ShutoffReason.OTHER;
        });
    }
}
