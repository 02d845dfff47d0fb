package dev.stratus.scheduler.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long each request has waited for a host to report: when no host reported within the host timeout, the
 * scheduler cannot tell dead hosts from late reports (a broker that was down delivers nothing, reports included), so a
 * request waits up to {@code stratus.scheduler.no-host-wait} from when it was first seen before it fails.
 */
final class SilentHosts {
    private final Duration wait;
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();

    SilentHosts(Duration wait) {
        this.wait = wait;
    }

    /** Whether the request may wait for reports a little longer (its first no-host attempt starts the clock). */
    boolean keepWaiting(String instanceId) {
        Instant first = firstSeen.computeIfAbsent(instanceId, id -> Instant.now());
        return Duration.between(first, Instant.now()).compareTo(wait) < 0;
    }

    /** The request was placed or failed: forget it. */
    void done(String instanceId) {
        firstSeen.remove(instanceId);
    }
}
