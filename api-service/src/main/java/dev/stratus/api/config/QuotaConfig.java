package dev.stratus.api.config;

import io.smallrye.config.WithDefault;

/**
 * Default hard limits of every project; {@code PUT /v1/projects/{id}/quotas} overrides them per project. -1 means
 * unlimited. api-service enforces instances, vcpus and ram_mb; image-service and network-service enforce their
 * own resources (images, image_bytes, networks, ports, floating_ips) and read the limits from {@code GET /v1/projects/{id}/quotas}.
 */
public interface QuotaConfig {
    /** Servers (live, not deleted). Default 20. */
    @WithDefault("20")
    long instances();

    /** Sum of the servers' vCPUs. Default 64. */
    @WithDefault("64")
    long vcpus();

    /** Sum of the servers' RAM, MiB. Default 262144 (256 GiB: quotas bound tenants, the scheduler bounds hosts). */
    @WithDefault("262144")
    long ramMb();

    /** Images owned by the project. Default 20. */
    @WithDefault("20")
    long images();

    /** Bytes of the project's image data. Default 53687091200 (50 GiB). */
    @WithDefault("53687091200")
    long imageBytes();

    /** Networks. Default 10. */
    @WithDefault("10")
    long networks();

    /** Ports. Default 50. */
    @WithDefault("50")
    long ports();

    /** Floating IPs (network-service enforces it: allocated addresses, associated or not). Default 10. */
    @WithDefault("10")
    long floatingIps();

    /** SSH key pairs. Default 20. */
    @WithDefault("20")
    long keyPairs();
}
