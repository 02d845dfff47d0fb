package dev.stratus.image.service;

import dev.stratus.platform.problem.ApiException;

import java.util.Locale;

/**
 * Checksums a client declared for its upload (headers {@code X-Image-Sha256}, {@code X-Image-Md5}; hex), either
 * may be null. Data that does not match is refused and the image killed.
 */
public record ExpectedChecksums(String sha256, String md5) {
    public static final String SHA256_HEADER = "X-Image-Sha256";
    public static final String MD5_HEADER = "X-Image-Md5";
    public static final ExpectedChecksums NONE = new ExpectedChecksums(null, null);

    public static ExpectedChecksums of(String sha256, String md5) {
        return new ExpectedChecksums(hex(SHA256_HEADER, sha256, 64), hex(MD5_HEADER, md5, 32));
    }

    /** The mismatch, described, or null when everything declared matches. */
    String mismatch(String actualSha256, String actualMd5) {
        if (sha256 != null && !sha256.equals(actualSha256)) {
            return "the data's sha256 is " + actualSha256 + ", not " + sha256 + " as declared";
        }
        if (md5 != null && !md5.equals(actualMd5)) {
            return "the data's md5 is " + actualMd5 + ", not " + md5 + " as declared";
        }
        return null;
    }

    private static String hex(String header, String value, int length) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String lower = value.trim().toLowerCase(Locale.ROOT);
        if (lower.length() != length || !lower.matches("[0-9a-f]+")) {
            throw ApiException.badRequest(header, header + " must be " + length + " hex digits");
        }
        return lower;
    }
}
