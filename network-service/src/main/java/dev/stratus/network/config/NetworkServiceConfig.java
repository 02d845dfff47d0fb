package dev.stratus.network.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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
     * The project every request belongs to until identity (issue 3) provides the caller's project. Must equal
     * api-service's {@code stratus.api.default-project}. Default {@code default}.
     */
    @WithDefault("default")
    String defaultProject();
}
