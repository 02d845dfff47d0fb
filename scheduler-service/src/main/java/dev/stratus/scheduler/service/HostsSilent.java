package dev.stratus.scheduler.service;

/**
 * No host has reported recently: the request is handed back to the event loop, which retries it with back-off while
 * host reports (read by their own subscription) come in. See {@link SilentHosts}.
 */
public class HostsSilent extends RuntimeException {
    public HostsSilent(String instanceId, String why) {
        super("waiting for a compute host to report before placing " + instanceId + ": " + why);
    }
}
