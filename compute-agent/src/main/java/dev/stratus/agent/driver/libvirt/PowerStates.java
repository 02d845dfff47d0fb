package dev.stratus.agent.driver.libvirt;

import dev.stratus.agent.driver.PowerState;
import org.libvirt.DomainInfo.DomainState;

/** Maps libvirt's domain states onto the driver's {@link PowerState}. */
final class PowerStates {

    private PowerStates() {
    }

    static PowerState of(DomainState state) {
        if (state == null) {
            return PowerState.NOSTATE;
        }
        switch (state) {
            case VIR_DOMAIN_RUNNING:
            case VIR_DOMAIN_BLOCKED:
                return PowerState.RUNNING;
            case VIR_DOMAIN_PAUSED:
            case VIR_DOMAIN_PMSUSPENDED:
                return PowerState.PAUSED;
            case VIR_DOMAIN_SHUTDOWN:
                return PowerState.SHUTDOWN;
            case VIR_DOMAIN_SHUTOFF:
                return PowerState.SHUTOFF;
            case VIR_DOMAIN_CRASHED:
                return PowerState.CRASHED;
            default:
                return PowerState.NOSTATE;
        }
    }
}
