package dev.stratus.contracts;

import java.time.Instant;

/**
 * What an agent observed in its hypervisor. {@code seq} grows per instance on one agent; consumers ignore a
 * status whose seq is not above the last one applied. Version 1.
 *
 * @param powerState libvirt's view, e.g. RUNNING, SHUTOFF, NOSTATE
 * @param fault      why the instance is in ERROR, else null
 */
public record InstanceStatusChanged(String eventId, int version, String instanceId, String host, long seq,
        VmState vmState, String powerState, String fault, Instant observedAt) {
    public static final int VERSION = 1;
}
