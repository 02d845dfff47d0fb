package dev.stratus.api.keypair;

import dev.stratus.platform.problem.ApiException;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * OpenSSH public keys ({@code <type> <base64 blob> [comment]}): parsed and checked field by field (the blob's type
 * must match, RSA at least 2048 bits, EC points on the named curve's size, nothing left over), and their fingerprint
 * as {@code ssh-keygen -l} prints it ({@code SHA256:<base64 of the blob's SHA-256, unpadded>}); and new ed25519 key
 * pairs with the private key in OpenSSH's own format ({@code -----BEGIN OPENSSH PRIVATE KEY-----}, unencrypted).
 */
public final class OpenSshKeys {
    /** An OpenSSH public key line, its type and fingerprint. */
    public record PublicKey(String type, String line, String fingerprint) {
    }

    /** A generated key pair: the public key and the private key file's text. */
    public record Generated(PublicKey publicKey, String privateKey) {
    }

    /** EC curve name in the blob → uncompressed point length. */
    private static final Map<String, Integer> CURVES = Map.of("nistp256", 65, "nistp384", 97, "nistp521", 133);
    private static final int MIN_RSA_BITS = 2048;
    private static final SecureRandom RANDOM = new SecureRandom();

    private OpenSshKeys() {
    }

    /** Parses and validates a public key line; 400 naming {@code public_key} if it is not a valid one. */
    public static PublicKey parse(String line) {
        if (line == null || line.isBlank() || line.length() > 16_384) {
            throw invalid("public_key must be an OpenSSH public key line: <type> <base64> [comment]");
        }
        String[] parts = line.strip().split("\\s+", 3);
        if (parts.length < 2) {
            throw invalid("public_key must be an OpenSSH public key line: <type> <base64> [comment]");
        }
        String type = parts[0];
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw invalid("public_key: the key data is not base64");
        }
        ByteBuffer in = ByteBuffer.wrap(blob);
        try {
            String inner = new String(string(in), StandardCharsets.US_ASCII);
            if (!inner.equals(type)) {
                throw invalid("public_key: the line says " + type + " but the key data is " + inner);
            }
            switch (type) {
                case "ssh-ed25519" -> {
                    if (string(in).length != 32) {
                        throw invalid("public_key: an ed25519 key has 32 bytes");
                    }
                }
                case "ssh-rsa" -> {
                    BigInteger e = new BigInteger(string(in));
                    BigInteger n = new BigInteger(string(in));
                    if (e.signum() <= 0 || !e.testBit(0) || n.signum() <= 0 || n.bitLength() < MIN_RSA_BITS) {
                        throw invalid("public_key: an RSA key needs at least " + MIN_RSA_BITS + " bits and an odd"
                                + " public exponent");
                    }
                }
                case "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521" -> {
                    String curve = new String(string(in), StandardCharsets.US_ASCII);
                    byte[] point = string(in);
                    if (!type.endsWith(curve) || point.length != CURVES.get(curve) || point[0] != 4) {
                        throw invalid("public_key: the ECDSA key is not an uncompressed point on " + type);
                    }
                }
                default -> throw invalid("public_key: type " + type + " is not supported (ssh-ed25519, ssh-rsa, "
                        + "ecdsa-sha2-nistp256/384/521)");
            }
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            throw invalid("public_key: the key data is truncated");
        }
        if (in.hasRemaining()) {
            throw invalid("public_key: the key data has trailing bytes");
        }
        return new PublicKey(type, type + " " + parts[1], fingerprint(blob));
    }

    /** A new ed25519 key pair; the private key is in OpenSSH format, the comment is {@code name}. */
    public static Generated generateEd25519(String comment) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] x509 = pair.getPublic().getEncoded();
            byte[] pub = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
            byte[] pkcs8 = pair.getPrivate().getEncoded();
            byte[] seed = Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);
            byte[] blob = concat(str("ssh-ed25519"), str(pub));
            PublicKey publicKey = new PublicKey("ssh-ed25519", "ssh-ed25519 "
                    + Base64.getEncoder().encodeToString(blob), fingerprint(blob));
            return new Generated(publicKey, privateKeyFile(blob, pub, seed, comment));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an ed25519 key", e);
        }
    }

    /** openssh-key-v1, no cipher: magic, "none", "none", "", 1 key, public blob, private section padded to 8. */
    private static String privateKeyFile(byte[] blob, byte[] pub, byte[] seed, String comment) {
        int check = RANDOM.nextInt();
        ByteArrayOutputStream section = new ByteArrayOutputStream();
        section.writeBytes(ByteBuffer.allocate(8).putInt(check).putInt(check).array());
        section.writeBytes(str("ssh-ed25519"));
        section.writeBytes(str(pub));
        section.writeBytes(str(concat(seed, pub)));
        section.writeBytes(str(comment == null ? "" : comment));
        for (int pad = 1; section.size() % 8 != 0; pad++) {
            section.write(pad);
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII));
        file.writeBytes(str("none"));
        file.writeBytes(str("none"));
        file.writeBytes(str(new byte[0]));
        file.writeBytes(ByteBuffer.allocate(4).putInt(1).array());
        file.writeBytes(str(blob));
        file.writeBytes(str(section.toByteArray()));
        String base64 = Base64.getEncoder().encodeToString(file.toByteArray());
        StringBuilder pem = new StringBuilder("-----BEGIN OPENSSH PRIVATE KEY-----\n");
        for (int i = 0; i < base64.length(); i += 70) {
            pem.append(base64, i, Math.min(base64.length(), i + 70)).append('\n');
        }
        return pem.append("-----END OPENSSH PRIVATE KEY-----\n").toString();
    }

    static String fingerprint(byte[] blob) {
        try {
            return "SHA256:" + Base64.getEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(blob));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] string(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IndexOutOfBoundsException();
        }
        byte[] value = new byte[length];
        in.get(value);
        return value;
    }

    private static byte[] str(String value) {
        return str(value.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] str(byte[] value) {
        return concat(ByteBuffer.allocate(4).putInt(value.length).array(), value);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static ApiException invalid(String detail) {
        return ApiException.badRequest("public_key", detail);
    }
}
