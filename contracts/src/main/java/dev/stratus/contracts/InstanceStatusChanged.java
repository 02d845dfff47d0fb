package dev.stratus.contracts;

import java.time.Instant;

/**
 * What an agent observed in its hypervisor. {@code seq} grows per instance on one agent; consumers ignore a
 * status whose seq is not above the last one applied. Version 2 (additive over 1: {@code generation},
 * {@code incident}; a version 1 status decodes with generation 0 and no incident).
 *
 * @param powerState libvirt's view, e.g. RUNNING, SHUTOFF, NOSTATE
 * @param fault      why the instance is in ERROR, else null
 * @param generation the generation of the last {@link InstancePowerRequested} the agent applied (0: none); a power
 *                   request's task is over when a status with its generation arrives
 * @param incident   what the agent saw or did by itself that led to this status, else null
 */
public record InstanceStatusChanged(String eventId, int version, String instanceId, String host, long seq,
        VmState vmState, String powerState, String fault, Instant observedAt, long generation, Incident incident) implements StratusEvent {
    public static final int VERSION = 2;

    /** A status of no power request and no incident (version 1's fields). */
    public InstanceStatusChanged(String eventId, int version, String instanceId, String host, long seq,
            VmState vmState, String powerState, String fault, Instant observedAt) {
        this(eventId, version, instanceId, host, seq, vmState, powerState, fault, observedAt, 0L, null);
    }
}
