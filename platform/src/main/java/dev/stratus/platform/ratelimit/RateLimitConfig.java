package dev.stratus.platform.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Per project and action request rates of every service ({@code stratus.rate-limits.*}), EC2-style token buckets:
 * a sustained rate per second and a burst. Calls of service users (role {@code service}) are not limited.
 */
@ConfigMapping(prefix = "stratus.rate-limits")
public interface RateLimitConfig {
    /** Whether requests are rate limited at all. Default true. */
    @WithDefault("true")
    boolean enabled();

    /** Creates (POST) per second, sustained, per project and service. Default 10. */
    @WithDefault("10")
    double createPerSecond();

    /** Creates a project may send at once (100 parallel port creates must pass). Default 200. */
    @WithDefault("200")
    int createBurst();

    /** Changes (PUT, PATCH) per second per project and service. Default 10. */
    @WithDefault("10")
    double updatePerSecond();

    /** Changes at once. Default 200. */
    @WithDefault("200")
    int updateBurst();

    /** Deletes per second per project and service. Default 10. */
    @WithDefault("10")
    double deletePerSecond();

    /** Deletes at once. Default 200. */
    @WithDefault("200")
    int deleteBurst();

    /** Reads (GET, HEAD) per second per project and service. Default 100. */
    @WithDefault("100")
    double readPerSecond();

    /** Reads at once. Default 500. */
    @WithDefault("500")
    int readBurst();
}
