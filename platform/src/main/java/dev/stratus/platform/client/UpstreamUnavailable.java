package dev.stratus.platform.client;

import dev.stratus.platform.problem.ApiException;

/**
 * Another service this request depends on is down, unreachable, too slow, behind an open circuit breaker, or answered
 * 5xx: a 503 problem with {@code Retry-After}. Thrown by {@link UpstreamErrors} (a 5xx answer) and {@link Upstream}
 * (everything else); a 4xx answer is never one of these.
 */
public class UpstreamUnavailable extends ApiException {
    /** Seconds a caller is told to wait when the other service did not say ({@code Retry-After}). */
    public static final long DEFAULT_RETRY_AFTER_SECONDS = 5;

    private final long retryAfterSeconds;

    public UpstreamUnavailable(String detail, long retryAfterSeconds, Throwable cause) {
        super(503, "Service Unavailable", detail, null);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
        withHeader("Retry-After", String.valueOf(this.retryAfterSeconds));
        if (cause != null) {
            initCause(cause);
        }
    }

    public UpstreamUnavailable(String detail) {
        this(detail, DEFAULT_RETRY_AFTER_SECONDS, null);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The same failure, its detail prefixed with the service's name (unless it names it already). */
    UpstreamUnavailable of(String service) {
        String detail = getMessage();
        if (detail.startsWith(service)) {
            return this;
        }
        return new UpstreamUnavailable(service + " " + detail, retryAfterSeconds, this);
    }
}
