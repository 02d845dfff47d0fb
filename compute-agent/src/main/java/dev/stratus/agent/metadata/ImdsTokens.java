package dev.stratus.agent.metadata;

import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

/**
 * IMDSv2 session tokens ({@code PUT /latest/api/token}): a token names the instance it was issued to and when it
 * expires, signed (HMAC-SHA256) with a key the agent draws at start. A token is valid only for that instance and
 * until then, so a token another guest obtained is useless; an agent restart invalidates all tokens, and clients
 * then ask for a new one, as they do when one expires (EC2's answer to a bad token is 401, and SDKs and cloud-init
 * retry with a fresh token).
 */
@Singleton
class ImdsTokens {
    /** The longest lifetime EC2 grants (6 hours). */
    static final int MAX_TTL_SECONDS = 21600;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final Clock clock;

    ImdsTokens() {
        this(Clock.systemUTC());
    }

    ImdsTokens(Clock clock) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.clock = clock;
    }

    /** A token for {@code instanceId}, valid for {@code ttlSeconds} (1 to {@value #MAX_TTL_SECONDS}). */
    String issue(String instanceId, int ttlSeconds) {
        if (ttlSeconds < 1 || ttlSeconds > MAX_TTL_SECONDS) {
            throw new IllegalArgumentException("ttl out of range: " + ttlSeconds);
        }
        String claims = instanceId + "|" + (clock.millis() + ttlSeconds * 1000L);
        return B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + B64.encodeToString(sign(claims));
    }

    /** Whether {@code token} was issued by this agent to {@code instanceId} and has not expired. */
    boolean valid(String token, String instanceId) {
        int dot = token.indexOf('.');
        if (dot < 0 || token.length() > 512) {
            return false;
        }
        try {
            String claims = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, sign(claims))) {
                return false;
            }
            int bar = claims.lastIndexOf('|');
            return claims.substring(0, bar).equals(instanceId)
                    && Long.parseLong(claims.substring(bar + 1)) > clock.millis();
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) { // not base64, no '|', not a number
            return false;
        }
    }

    private byte[] sign(String claims) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(claims.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
