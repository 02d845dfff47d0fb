package dev.stratus.platform.idempotency;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Keys and stored responses at rest: the table holds a hash of the {@code Idempotency-Key}, never the key, and the
 * response encrypted (AES-GCM) with a key derived from the {@code Idempotency-Key}. A response may carry a secret
 * shown once (an application credential's secret, a generated private key): whoever reads the table cannot read it,
 * only a client that sends the key again can.
 */
final class ResponseSeal {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ResponseSeal() {
    }

    static String keyHash(String idempotencyKey) {
        return HexFormat.of().formatHex(sha256("stratus-idempotency-key\0" + idempotencyKey));
    }

    static String hash(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }

    static byte[] seal(String idempotencyKey, byte[] plain) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, idempotencyKey, iv);
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = Arrays.copyOf(iv, iv.length + sealed.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt the stored response", e);
        }
    }

    static byte[] open(String idempotencyKey, byte[] sealed) {
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, idempotencyKey, Arrays.copyOf(sealed, 12));
            return cipher.doFinal(sealed, 12, sealed.length - 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt the stored response", e);
        }
    }

    private static Cipher cipher(int mode, String idempotencyKey, byte[] iv) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(sha256("stratus-idempotency-response\0" + idempotencyKey), "AES"),
                new GCMParameterSpec(128, iv));
        return cipher;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
