package dev.stratus.network.service;

import dev.stratus.network.config.NetworkServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** The project of the current request: the configured default project until identity provides the caller's. */
@ApplicationScoped
public class ProjectScope {
    private final NetworkServiceConfig config;

    public ProjectScope(NetworkServiceConfig config) {
        this.config = config;
    }

    public String current() {
        return config.defaultProject();
    }
}
