package dev.stratus.network.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Configuration of network-service ({@code stratus.network.*}). */
@ConfigMapping(prefix = "stratus.network")
public interface NetworkServiceConfig {

    /**
     * MTU given to a new network, in bytes (68..65535). Use 1450 when tenant networks will be carried over VXLAN
     * between hosts (50 bytes of encapsulation), 1500 for networks local to one host. Default {@code 1500}.
     */
    @WithDefault("1500")
    int defaultMtu();

    /**
     * Base URL of api-service: it issues network-service's own token ({@code POST /v1/auth/tokens}) and serves each
     * project's quota limits ({@code GET /v1/projects/{id}/quotas}). Default {@code http://localhost:8080}.
     */
    @WithDefault("http://localhost:8080")
    String identityUrl();

    /** network-service's service user (role {@code service}); see {@link #servicePassword()}. */
    @WithDefault("network-service")
    String serviceUser();

    /** The project the service user's token is scoped to. Default {@code service}. */
    @WithDefault("service")
    String serviceProject();

    /**
     * Password of {@link #serviceUser()} (env {@code STRATUS_NETWORK_SERVICE_PASSWORD}; {@code ./stratus up} passes
     * the one it generated and api-service bootstraps the user with it). Unset: network-service cannot ask
     * api-service for quota limits and enforces {@link #defaultQuotas()} for every project instead (logged at
     * start).
     */
    Optional<String> servicePassword();

    /**
     * Timeout of the login to api-service (the service token). Default 5 s. The quota reads go through the typed
     * client {@code dev.stratus.platform.client.ProjectQuotasClient} (its own 5 s {@code @Timeout}, retries and circuit
     * breaker; {@code quarkus.rest-client.api-service.*} in application.properties).
     */
    @WithDefault("5s")
    Duration identityTimeout();

    /** Limits used only while {@link #servicePassword()} is unset ({@code stratus.network.default-quotas.*}). */
    DefaultQuotas defaultQuotas();

    /** Fallback limits; -1 means unlimited. Same defaults as api-service's {@code stratus.api.quotas.*}. */
    interface DefaultQuotas {
        /** Networks per project. Default 10. */
        @WithDefault("10")
        long networks();

        /** Ports per project (DHCP ports are not counted). Default 50. */
        @WithDefault("50")
        long ports();

        /** Floating IPs per project (allocated, associated or not). Default 10. */
        @WithDefault("10")
        long floatingIps();
    }
}
