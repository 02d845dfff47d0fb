package dev.stratus.platform.ratelimit;

import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory token buckets per (project, action) of this service; see {@link RateLimitConfig}. Every authenticated
 * request takes one ({@link RateLimitFilter}). Buckets are per replica.
 */
@ApplicationScoped
public class RateLimits {
    /** What a request does, for its bucket. */
    public enum Action {
        CREATE, UPDATE, DELETE, READ;

        /** The action of an HTTP method. */
        public static Action of(String method) {
            return switch (method) {
                case "POST" -> CREATE;
                case "PUT", "PATCH" -> UPDATE;
                case "DELETE" -> DELETE;
                default -> READ;
            };
        }
    }

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Inject
    RateLimitConfig limits;

    /** Takes one token of the project's bucket for the action, or throws a 429 problem with Retry-After. */
    public void take(String projectId, Action action) {
        if (!limits.enabled()) {
            return;
        }
        Bucket bucket = buckets.computeIfAbsent(projectId + "/" + action, k -> switch (action) {
            case CREATE -> new Bucket(limits.createPerSecond(), limits.createBurst());
            case UPDATE -> new Bucket(limits.updatePerSecond(), limits.updateBurst());
            case DELETE -> new Bucket(limits.deletePerSecond(), limits.deleteBurst());
            case READ -> new Bucket(limits.readPerSecond(), limits.readBurst());
        });
        double wait = bucket.take();
        if (wait > 0) {
            throw ApiException.tooManyRequests("rate limit of " + action.name().toLowerCase() + " requests for this "
                    + "project reached; retry in " + (long) Math.ceil(wait) + " s", (long) Math.ceil(wait));
        }
    }

    /** A token bucket: {@code capacity} tokens, refilled at {@code perSecond}. */
    public static final class Bucket {
        private final double perSecond;
        private final double capacity;
        private double tokens;
        private long last = System.nanoTime();

        public Bucket(double perSecond, int capacity) {
            this.perSecond = perSecond;
            this.capacity = capacity;
            this.tokens = capacity;
        }

        /** Whether the bucket has refilled completely (it can be forgotten: a new one starts full). */
        public synchronized boolean isFull() {
            return Math.min(capacity, tokens + (System.nanoTime() - last) / 1e9 * perSecond) >= capacity;
        }

        /** 0 if a token was taken, else the seconds until one is available. */
        public synchronized double take() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - last) / 1e9 * perSecond);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (1 - tokens) / perSecond;
        }
    }
}
