package dev.stratus.api.config;

import io.smallrye.config.WithDefault;

/**
 * Token buckets per project and action ({@code stratus.api.rate-limits.*}), EC2-style: a bucket holds up to
 * {@code *-burst} requests and refills at {@code *-per-second}; an empty bucket answers 429 with
 * {@code Retry-After}. Kept in memory per api-service replica.
 */
public interface RateLimitConfig {
    /** Whether requests are rate limited at all. Default true. */
    @WithDefault("true")
    boolean enabled();

    /** Creates (POST) per second, sustained, per project. Default 10. */
    @WithDefault("10")
    double createPerSecond();

    /** Creates a project may send at once. Default 50. */
    @WithDefault("50")
    int createBurst();

    /** Deletes per second per project. Default 10. */
    @WithDefault("10")
    double deletePerSecond();

    /** Deletes at once. Default 50. */
    @WithDefault("50")
    int deleteBurst();

    /** Reads (GET) per second per project. Default 100. */
    @WithDefault("100")
    double readPerSecond();

    /** Reads at once. Default 500. */
    @WithDefault("500")
    int readBurst();
}
