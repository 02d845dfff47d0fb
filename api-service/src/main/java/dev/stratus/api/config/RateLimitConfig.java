package dev.stratus.api.config;

import io.smallrye.config.WithDefault;

/**
 * Token buckets of {@code POST /v1/auth/tokens} ({@code stratus.api.rate-limits.*}): a bucket holds up to
 * {@code *-burst} requests and refills at {@code *-per-second}; an empty bucket answers 429 with
 * {@code Retry-After}. Kept in memory per api-service replica. Every other request is limited per project and action
 * by platform's RateLimitFilter ({@code stratus.rate-limits.*}).
 */
public interface RateLimitConfig {
    /** Whether token requests are rate limited at all. Default true. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Token requests ({@code POST /v1/auth/tokens}, by password or application credential) per second, sustained, per
     * user name (or application credential id): slows password guessing against one account. Default 0.2 (12 a minute).
     */
    @WithDefault("0.2")
    double tokenPerUserPerSecond();

    /** Token requests one user name may send at once. Default 10. */
    @WithDefault("10")
    int tokenPerUserBurst();

    /**
     * Token requests per second, sustained, per source address (the connection's peer, or the forwarded client when
     * {@code quarkus.http.proxy.proxy-address-forwarding} is on): slows guessing across many accounts. Default 2.
     */
    @WithDefault("2")
    double tokenPerAddressPerSecond();

    /** Token requests one source address may send at once. Default 60. */
    @WithDefault("60")
    int tokenPerAddressBurst();
}
