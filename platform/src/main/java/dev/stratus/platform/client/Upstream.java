package dev.stratus.platform.client;

import dev.stratus.platform.auth.ServiceLogin;
import dev.stratus.platform.problem.ApiException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one mapping of "the other service is down" for every typed client: a call through {@link #call} either
 * returns, or throws an {@link UpstreamUnavailable} (503 problem with {@code Retry-After}) when the other service
 * cannot be reached, is too slow ({@code @Timeout}), is behind an open circuit breaker, or answered 5xx (whatever
 * the retries did), or lets through the {@code WebApplicationException} of a 4xx answer, whose meaning is the
 * caller's (a 404 may be "no such image", a 409 "already done"). Other {@code ApiException}s (no token) pass as they
 * are.
 */
public final class Upstream {
    private Upstream() {
    }

    /** Runs one call to {@code service} (its name, for the detail of a 503). */
    public static <T> T call(String service, Supplier<T> call) {
        try {
            return call.get();
        } catch (UpstreamUnavailable e) {
            throw e.of(service);
        } catch (WebApplicationException e) {
            if (status(e) >= 500) { // a 5xx answer from a client without UpstreamErrors
                throw new UpstreamUnavailable(service + " answered " + status(e), UpstreamErrors.retryAfter(
                        e.getResponse().getHeaderString("Retry-After")), e);
            }
            throw e;
        } catch (FaultToleranceException e) { // @Timeout, an open @CircuitBreaker
            throw new UpstreamUnavailable(service + " is not answering: " + describe(e),
                    UpstreamUnavailable.DEFAULT_RETRY_AFTER_SECONDS, e);
        } catch (ProcessingException e) { // refused, reset, or an answer that cannot be read
            throw new UpstreamUnavailable(service + " is unreachable or its answer unreadable: " + describe(e),
                    UpstreamUnavailable.DEFAULT_RETRY_AFTER_SECONDS, e);
        }
    }

    /**
     * {@link #call} for a lookup: the answer, or null when {@code service} answered 404 (no such thing, or not the
     * caller's to see); any other 4xx is a 503 problem, since {@code service} refused this service's own request and
     * nothing in the user's request can change that.
     */
    public static <T> T find(String service, Supplier<T> call) {
        try {
            return call(service, call);
        } catch (WebApplicationException e) {
            if (status(e) == 404) {
                return null;
            }
            throw ApiException.unavailable(service + " answered " + status(e));
        }
    }

    /** {@link #call} with no answer to return. */
    public static void run(String service, Runnable call) {
        call(service, () -> {
            call.run();
            return null;
        });
    }

    /**
     * {@link #call} with the service's own token ({@code Bearer ...}, or null when no service password is
     * configured); after a 401 (the token expired, or api-service restarted with a new key) it logs in again once.
     */
    public static <T> T callAs(ServiceLogin login, String service, Function<String, T> call) {
        try {
            return call(service, () -> call.apply(login.authorization().orElse(null)));
        } catch (WebApplicationException e) {
            if (status(e) != 401) {
                throw e;
            }
            login.invalidate();
            return call(service, () -> call.apply(login.authorization().orElse(null)));
        }
    }

    /** The HTTP status of a 4xx that {@link #call} let through. */
    public static int status(WebApplicationException e) {
        return e.getResponse() == null ? 0 : e.getResponse().getStatus();
    }

    /** The innermost message: "Connection refused", "Timeout", "CircuitBreaker ... is open". */
    private static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
