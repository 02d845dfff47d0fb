package dev.stratus.contracts;

import java.time.Instant;
import java.util.List;

/**
 * An agent's periodic report of its host's capacity and the instances libvirt shows there. Version 1.
 *
 * @param instanceIds ids of the Stratus domains that exist on the host
 */
public record HostReport(String eventId, int version, String host, String agentUrl, int vcpus, long ramMb,
        long diskGb, String virtType, List<String> instanceIds, Instant reportedAt) implements StratusEvent {
    public static final int VERSION = 1;
}
