package dev.stratus.api.quota;

import dev.stratus.api.config.ApiConfig;
import dev.stratus.api.config.RateLimitConfig;
import dev.stratus.platform.problem.ApiException;
import dev.stratus.platform.ratelimit.RateLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets of {@code POST /v1/auth/tokens}, one per user name (or application credential id) and one per source
 * address, both taken before any password is checked: guessing one account's password, or many accounts' from one
 * address, is slowed to the configured rate ({@link RateLimitConfig}{@code .token-*}); an empty bucket is a 429 with
 * {@code Retry-After}. Names are attacker-chosen, so buckets that have refilled are dropped when there are many.
 */
@ApplicationScoped
public class TokenRateLimits {
    static final int PRUNE_ABOVE = 10_000;

    private final ConcurrentHashMap<String, RateLimits.Bucket> users = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, RateLimits.Bucket> addresses = new ConcurrentHashMap<>();

    @Inject
    ApiConfig config;

    /** Takes a token of the address's and then of the user's bucket, or throws a 429 problem with Retry-After. */
    public void take(String userOrCredential, String address) {
        RateLimitConfig limits = config.rateLimits();
        if (!limits.enabled()) {
            return;
        }
        if (address != null) {
            take(addresses, address, limits.tokenPerAddressPerSecond(), limits.tokenPerAddressBurst(),
                    "token requests from this address");
        }
        if (userOrCredential != null) {
            take(users, userOrCredential.toLowerCase(Locale.ROOT), limits.tokenPerUserPerSecond(),
                    limits.tokenPerUserBurst(), "token requests for this user");
        }
    }

    private static void take(ConcurrentHashMap<String, RateLimits.Bucket> buckets, String key, double perSecond,
                             int burst, String what) {
        if (buckets.size() > PRUNE_ABOVE) {
            buckets.values().removeIf(RateLimits.Bucket::isFull);
        }
        double wait = buckets.computeIfAbsent(key, k -> new RateLimits.Bucket(perSecond, burst)).take();
        if (wait > 0) {
            long seconds = (long) Math.ceil(wait);
            throw ApiException.tooManyRequests("too many " + what + "; retry in " + seconds + " s", seconds);
        }
    }
}
