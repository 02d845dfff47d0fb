package dev.stratus.platform.idempotency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** {@code Idempotency-Key} handling of every service ({@code stratus.idempotency.*}). */
@ConfigMapping(prefix = "stratus.idempotency")
public interface IdempotencyConfig {
    /** How long a key and its response are kept per project: a retry within this time gets the first response. Default 24 h. */
    @WithDefault("24h")
    Duration retention();

    /**
     * How long a duplicate request waits for the first one with its key to finish before it is answered 409
     * "in progress" (with Retry-After). Default 30 s.
     */
    @WithDefault("30s")
    Duration maxWait();

    /**
     * A key whose first request has been running this long is taken to be abandoned (its service died) and is given
     * to the next request with that key. Longer than any create may take. Default 5 min.
     */
    @WithDefault("5m")
    Duration abandonedAfter();

    /**
     * The table, schema-qualified. Default: {@code idempotent_request} in the service's first Flyway schema
     * ({@code quarkus.flyway.schemas}).
     */
    Optional<String> table();
}
