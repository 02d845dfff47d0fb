package dev.stratus.agent.reconcile;

import dev.stratus.agent.driver.InstanceInfo;
import dev.stratus.agent.driver.PowerState;
import dev.stratus.agent.events.InstanceStatusReporter;
import dev.stratus.contracts.Incident;
import dev.stratus.contracts.VmState;
import jakarta.inject.Singleton;

/**
 * Turns what the driver shows into the stable state reported to the control plane, with the power generation
 * applied: running → ACTIVE, paused → PAUSED (also an unexpected pause: the status says what is), shut off with
 * saved memory → SUSPENDED, shut off → STOPPED, crashed → ERROR; a domain between states (being shut down, no
 * state) is not reported until it settles.
 */
@Singleton
public class InstanceReport {
    private final DesiredInstances desired;
    private final InstanceStatusReporter status;

    public InstanceReport(DesiredInstances desired, InstanceStatusReporter status) {
        this.desired = desired;
        this.status = status;
    }

    void observed(String instanceId, InstanceInfo info, Incident incident) {
        VmState vmState = switch (info.powerState()) {
            case RUNNING -> VmState.ACTIVE;
            case PAUSED -> VmState.PAUSED;
            case SHUTOFF -> info.savedToDisk() ? VmState.SUSPENDED : VmState.STOPPED;
            case CRASHED -> VmState.ERROR;
            case SHUTDOWN, NOSTATE -> null;
        };
        if (vmState != null) {
            String fault = vmState == VmState.ERROR ? "the guest crashed" : null;
            status.report(instanceId, vmState, info.powerState(), fault, generation(instanceId), incident);
        }
    }

    void error(String instanceId, PowerState power, String fault) {
        status.report(instanceId, VmState.ERROR, power, fault, generation(instanceId), null);
    }

    void deleted(String instanceId, long generation) {
        status.report(instanceId, VmState.DELETED, PowerState.NOSTATE, null, generation, null);
    }

    private long generation(String instanceId) {
        return desired.get(instanceId).map(d -> d.power().applied()).orElse(0L);
    }
}
