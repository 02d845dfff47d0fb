package dev.stratus.agent.metadata;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImdsTokensTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-30T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void aTokenIsValidForItsInstanceUntilItExpires() {
        ImdsTokens tokens = new ImdsTokens(clock);
        String token = tokens.issue("instance-a", 60);
        assertTrue(tokens.valid(token, "instance-a"));
        assertFalse(tokens.valid(token, "instance-b"), "another guest's token");
        now.set(now.get().plus(Duration.ofSeconds(59)));
        assertTrue(tokens.valid(token, "instance-a"));
        now.set(now.get().plus(Duration.ofSeconds(1)));
        assertFalse(tokens.valid(token, "instance-a"), "expired");
    }

    @Test
    void forgedOrForeignTokensAreInvalid() {
        ImdsTokens tokens = new ImdsTokens(clock);
        String token = tokens.issue("instance-a", 21600);
        String claims = token.substring(0, token.indexOf('.'));
        String signature = token.substring(token.indexOf('.'));
        String longer = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("instance-a|99999999999999".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertFalse(tokens.valid(longer + signature, "instance-a"), "a changed expiry breaks the signature");
        assertFalse(tokens.valid(claims + ".AAAA", "instance-a"));
        assertFalse(tokens.valid("garbage", "instance-a"));
        assertFalse(tokens.valid("!!.??", "instance-a"));
        assertFalse(tokens.valid("", "instance-a"));
        assertFalse(new ImdsTokens(clock).valid(token, "instance-a"), "another agent's (or a restarted agent's) key");
        assertThrows(IllegalArgumentException.class, () -> tokens.issue("instance-a", 0));
        assertThrows(IllegalArgumentException.class, () -> tokens.issue("instance-a", 21601));
    }
}
