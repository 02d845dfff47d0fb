package dev.stratus.cli.watch;

import dev.stratus.cli.api.Problems;
import dev.stratus.client.ApiException;

/**
 * A failure worth asking again during a wait: the API unreachable for a moment, or answering 429, 502, 503 or 504
 * (a service restarting, a rate limit). Anything else ends the wait.
 */
public final class Transient {
    private Transient() {
    }

    public static boolean is(Throwable e) {
        ApiException api = api(e);
        return api != null && (api.getCode() == 0 || api.getCode() == 429 || api.getCode() == 502
                || api.getCode() == 503 || api.getCode() == 504);
    }

    public static String describe(Throwable e) {
        ApiException api = api(e);
        return api == null ? String.valueOf(e.getMessage()) : Problems.line(api, "the API");
    }

    private static ApiException api(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
        }
        return null;
    }
}
