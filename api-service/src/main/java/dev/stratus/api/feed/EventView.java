package dev.stratus.api.feed;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One event of the project's feed: a server's action started or finished. The members are those of the server's
 * action history ({@code ServerActionResource.ActionView}: action, request_id, user_id, result, message), with the
 * server, the phase and its one time instead of the record's two; {@code user_id} is null for what Stratus did by
 * itself, {@code result} and {@code message} are set on finished events only.
 */
public record EventView(OffsetDateTime at, UUID serverId, String phase, String action, String requestId,
                        String userId, String result, String message) {
}
