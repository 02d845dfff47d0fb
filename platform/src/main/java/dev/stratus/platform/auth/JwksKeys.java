package dev.stratus.platform.auth;

import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * api-service's public signing keys, from its JWKS: loaded on first use, again every {@code refreshInterval}, and at
 * once when a token names a kid the cache lacks (a rotated key verifies on first sight), but never more often than
 * {@code minFetchInterval}, whatever the reason: a flood of tokens with made-up kids costs api-service at most one
 * JWKS request per interval. Fetches are single-flight: threads that wait for one in progress use its result.
 */
public final class JwksKeys {
    private static final Logger LOG = Logger.getLogger(JwksKeys.class);

    private final URI url;
    private final Duration refreshInterval;
    private final Duration minFetchInterval;
    private final LongSupplier nanoClock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Object lock = new Object();

    private volatile Map<String, PublicKey> keys = Map.of();
    private volatile long generation;
    private volatile long lastFetch;
    private volatile boolean fetchedOnce;
    private volatile long lastSuccess;
    private int fetches;

    public JwksKeys(URI url, Duration refreshInterval, Duration minFetchInterval, LongSupplier nanoClock) {
        this.url = url;
        this.refreshInterval = refreshInterval;
        this.minFetchInterval = minFetchInterval;
        this.nanoClock = nanoClock;
    }

    /** The key of {@code kid}, fetching the JWKS if the cache is old or lacks it (within the fetch interval). */
    public Optional<PublicKey> key(String kid) {
        long seen = generation;
        if (!fetchedOnce || nanoClock.getAsLong() - lastSuccess > refreshInterval.toNanos()) {
            fetch(seen);
            seen = generation;
        }
        PublicKey key = kid == null ? null : keys.get(kid);
        if (key == null && kid != null) {
            fetch(seen);
            key = keys.get(kid);
        }
        return Optional.ofNullable(key);
    }

    /** How many times the JWKS was requested. */
    public synchronized int fetches() {
        return fetches;
    }

    /** Fetches unless another thread did since {@code seenGeneration} or the last fetch is too recent. */
    private void fetch(long seenGeneration) {
        synchronized (lock) {
            long now = nanoClock.getAsLong();
            if (generation != seenGeneration || (fetchedOnce && now - lastFetch < minFetchInterval.toNanos())) {
                return;
            }
            lastFetch = now;
            fetchedOnce = true;
            synchronized (this) {
                fetches++;
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + response.statusCode());
                }
                Map<String, PublicKey> fresh = new HashMap<>();
                for (JsonWebKey jwk : new JsonWebKeySet(response.body()).getJsonWebKeys()) {
                    if (jwk instanceof PublicJsonWebKey pub && jwk.getKeyId() != null) {
                        fresh.put(jwk.getKeyId(), pub.getPublicKey());
                    }
                }
                keys = Map.copyOf(fresh);
                lastSuccess = now;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.warnf("cannot load the signing keys from %s (next try in %s at the earliest): %s", url,
                        minFetchInterval, e.toString());
            } finally {
                generation++;
            }
        }
    }
}
