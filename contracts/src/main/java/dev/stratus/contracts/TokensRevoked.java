package dev.stratus.contracts;

import java.time.Instant;

/**
 * Tokens already issued must be refused by every service from now on (api-service → every service, topic
 * {@link Topics#IDENTITY_EVENTS}). Either an application credential was revoked ({@code credentialId}: every token
 * carrying {@code app_cred_id = credentialId}), or a user lost a role on a project ({@code userId} and
 * {@code projectId}: every token of that user on that project issued at or before {@code revokedAt}; the user asks
 * for a new token, which carries the roles left), or a user was disabled ({@code userId}, {@code projectId} null: every
 * token of that user issued at or before {@code revokedAt}). {@code forgetAfter}: every affected token has expired by then.
 * Version 1.
 */
public record TokensRevoked(String eventId, int version, String credentialId, String userId, String projectId,
        Instant revokedAt, Instant forgetAfter) implements StratusEvent {
    public static final int VERSION = 1;
}
