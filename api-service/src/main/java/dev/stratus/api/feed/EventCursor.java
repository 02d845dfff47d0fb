package dev.stratus.api.feed;

import dev.stratus.platform.problem.ApiException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a follower of the event feed stands: the position of the last event it was given, in the feed's order
 * (the writing transaction's id, the event's time, the action record's id, the phase; see V10__event_feed.sql).
 * Clients see it as an opaque string ({@link #encode()}); {@link #START} stands before every event.
 */
public record EventCursor(long xid, OffsetDateTime at, UUID recordId, EventPhase phase) {
    /** Before the oldest event: no transaction id is negative. */
    public static final EventCursor START = new EventCursor(-1, OffsetDateTime.ofInstant(Instant.EPOCH,
            ZoneOffset.UTC), new UUID(0, 0), EventPhase.STARTED);

    private static final String VERSION = "e1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** The cursor as the API gives it: base64url of {@code e1:<xid>:<epoch micros>:<record id>:<phase>}. */
    public String encode() {
        String plain = String.join(":", VERSION, Long.toString(xid), Long.toString(micros(at)),
                recordId.toString(), Integer.toString(phase.ordinal()));
        return ENCODER.encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** A cursor the API gave earlier; anything else is a 400 problem naming {@code field}. */
    public static EventCursor parse(String field, String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII).split(":");
            if (parts.length == 5 && parts[0].equals(VERSION)) {
                long xid = Long.parseLong(parts[1]);
                long micros = Long.parseLong(parts[2]);
                UUID id = UUID.fromString(parts[3]);
                int phase = Integer.parseInt(parts[4]);
                if (xid >= -1 && phase >= 0 && phase < EventPhase.values().length
                        && id.toString().equals(parts[3])) {
                    Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                            Math.floorMod(micros, 1_000_000L) * 1000L);
                    return new EventCursor(xid, OffsetDateTime.ofInstant(at, ZoneOffset.UTC), id,
                            EventPhase.values()[phase]);
                }
            }
        } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
            // falls through to the problem below (NumberFormatException is an IllegalArgumentException)
        }
        throw ApiException.badRequest(field, field + " is not a cursor of this feed: pass the `next` of an earlier"
                + " answer, or leave it out to start at the oldest event");
    }

    private static long micros(OffsetDateTime time) {
        Instant instant = time.toInstant();
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000L);
    }
}
