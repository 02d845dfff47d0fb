package dev.stratus.e2e;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tokens the stack must refuse, made from a real one: tampered, signed by a stranger's key, garbage. */
final class BadTokens {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder D64 = Base64.getUrlDecoder();

    private BadTokens() {
    }

    /** name → token, every one of which must be a 401. */
    static Map<String, String> from(String realToken, String otherProjectId) {
        String[] parts = realToken.split("\\.");
        String header = new String(D64.decode(parts[0]), StandardCharsets.UTF_8);
        String payload = new String(D64.decode(parts[1]), StandardCharsets.UTF_8);
        String otherProject = payload.replaceAll("\"project_id\":\"[^\"]*\"",
                "\"project_id\":\"" + otherProjectId + "\"");
        String expired = payload.replaceAll("\"exp\":\\d+", "\"exp\":1000000000");
        KeyPair stranger = strangerKey();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("garbage", "not-a-jwt");
        tokens.put("tampered project (real signature)", enc(header) + "." + enc(otherProject) + "." + parts[2]);
        tokens.put("expired (exp rewritten, signature kept)", enc(header) + "." + enc(expired) + "." + parts[2]);
        tokens.put("forged signature under the real kid", sign(header, payload, stranger.getPrivate()));
        tokens.put("unknown kid", sign(header.replaceAll("\"kid\":\"[^\"]*\"", "\"kid\":\"stranger\""), payload,
                stranger.getPrivate()));
        tokens.put("alg none", enc(header.replaceAll("\"alg\":\"[^\"]*\"", "\"alg\":\"none\"")) + "." + enc(payload)
                + ".");
        return tokens;
    }

    private static String sign(String header, String payload, PrivateKey key) {
        try {
            String input = enc(header) + "." + enc(payload);
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair strangerKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return B64.encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
