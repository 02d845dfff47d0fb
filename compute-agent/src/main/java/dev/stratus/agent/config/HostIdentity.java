package dev.stratus.agent.config;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** The name of the host this agent serves: {@code stratus.agent.host}, else the machine's host name. */
@Singleton
public class HostIdentity {
    private final String host;
    private final String agentUrl;

    public HostIdentity(AgentConfig config) {
        this.host = config.host().filter(h -> !h.isBlank()).orElseGet(HostIdentity::machineHostName);
        this.agentUrl = config.agentUrl();
    }

    public String host() {
        return host;
    }

    public String agentUrl() {
        return agentUrl;
    }

    static String machineHostName() {
        try {
            String name = Files.readString(Path.of("/etc/hostname")).trim();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException e) {
            // fall through to the resolver
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            throw new IllegalStateException("cannot determine this machine's host name; set stratus.agent.host", e);
        }
    }
}
