package dev.stratus.api.config;

import java.util.Optional;

/**
 * Users and projects api-service creates at start-up when they do not exist yet (idempotent: an existing user keeps
 * its password). An unset password skips that user. {@code ./stratus up} generates the passwords once per install
 * and keeps them in {@code .stratus/}.
 */
public interface BootstrapConfig {

    /** Password of the cloud administrator {@code admin} (role admin on project {@code admin}). */
    Optional<String> adminPassword();

    /** Password of {@code demo}, member of project {@code demo}. */
    Optional<String> demoPassword();

    /** Password of the service user {@code compute-agent} (role service on project {@code service}). */
    Optional<String> agentPassword();

    /**
     * Password of the service user {@code network-service} (role service on project {@code service}), with which
     * network-service reads the projects' quota limits.
     */
    Optional<String> networkPassword();

    /**
     * Password of the service user {@code image-service} (role service on project {@code service}), with which
     * image-service reads the projects' {@code images}/{@code image_bytes} quota limits.
     */
    Optional<String> imagePassword();
}
