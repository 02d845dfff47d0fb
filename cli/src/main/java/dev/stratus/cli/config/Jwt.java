package dev.stratus.cli.config;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a token's expiry ({@code exp}) without verifying it: the API verifies; the CLI only avoids a stale one. */
public final class Jwt {
    private static final Pattern EXP = Pattern.compile("\"exp\"\\s*:\\s*(\\d+)");

    private Jwt() {
    }

    /** When {@code token} expires, or empty when it is not a JWT with an {@code exp}. */
    public static Optional<Instant> expiry(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            Matcher m = EXP.matcher(payload);
            return m.find() ? Optional.of(Instant.ofEpochSecond(Long.parseLong(m.group(1)))) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** True when {@code token} is a JWT that expires before {@code now} plus a margin of 30 s. */
    public static boolean expired(String token, Instant now) {
        return expiry(token).map(exp -> exp.isBefore(now.plusSeconds(30))).orElse(false);
    }
}
