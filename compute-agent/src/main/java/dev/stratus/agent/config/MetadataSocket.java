package dev.stratus.agent.config;

import jakarta.inject.Singleton;

import java.nio.file.Path;

/** Where the agent serves the metadata service: {@link AgentConfig#metadataSocket()}, absolute. */
@Singleton
public class MetadataSocket {
    /** Linux's limit of a unix socket path ({@code sun_path} less its terminating zero). */
    private static final int MAX_BYTES = 107;

    private final Path path;

    public MetadataSocket(AgentConfig config) {
        this.path = config.metadataSocket().orElse(config.stateDir().resolve("metadata.sock")).toAbsolutePath()
                .normalize();
        if (path.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("stratus.agent.metadata-socket is longer than " + MAX_BYTES
                    + " bytes: " + path);
        }
    }

    public Path path() {
        return path;
    }
}
