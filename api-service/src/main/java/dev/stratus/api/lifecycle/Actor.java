package dev.stratus.api.lifecycle;

import java.util.UUID;

/**
 * Who asked for a change and under which request id, as the action history records it; {@link #stratus} is
 * Stratus itself (a guest's shutdown, a restart after a crash, an expiry).
 *
 * @param userId    the user, or null for Stratus itself
 * @param requestId the request's id ({@code req-<uuid>}), returned to the caller in {@code X-Request-Id}
 */
public record Actor(String userId, String requestId) {

    public static Actor user(String userId) {
        return new Actor(userId, newRequestId());
    }

    public static Actor stratus() {
        return new Actor(null, newRequestId());
    }

    public static String newRequestId() {
        return "req-" + UUID.randomUUID();
    }
}
