package dev.stratus.agent.driver.libvirt;

import dev.stratus.agent.driver.PowerState;
import org.junit.jupiter.api.Test;
import org.libvirt.DomainInfo.DomainState;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PowerStatesTest {

    @Test
    void everyLibvirtStateMapsToAPowerState() {
        assertEquals(PowerState.RUNNING, PowerStates.of(DomainState.VIR_DOMAIN_RUNNING));
        assertEquals(PowerState.RUNNING, PowerStates.of(DomainState.VIR_DOMAIN_BLOCKED));
        assertEquals(PowerState.PAUSED, PowerStates.of(DomainState.VIR_DOMAIN_PAUSED));
        assertEquals(PowerState.PAUSED, PowerStates.of(DomainState.VIR_DOMAIN_PMSUSPENDED));
        assertEquals(PowerState.SHUTDOWN, PowerStates.of(DomainState.VIR_DOMAIN_SHUTDOWN));
        assertEquals(PowerState.SHUTOFF, PowerStates.of(DomainState.VIR_DOMAIN_SHUTOFF));
        assertEquals(PowerState.CRASHED, PowerStates.of(DomainState.VIR_DOMAIN_CRASHED));
        assertEquals(PowerState.NOSTATE, PowerStates.of(DomainState.VIR_DOMAIN_NOSTATE));
        assertEquals(PowerState.NOSTATE, PowerStates.of(null));
    }
}
