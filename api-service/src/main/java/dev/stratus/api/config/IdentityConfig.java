package dev.stratus.api.config;

import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Token issuing ({@code stratus.api.identity.*}). */
public interface IdentityConfig {

    /**
     * How long an issued token is valid ({@code exp} - {@code iat}). A rotated-out signing key stays in the JWKS for
     * this long after its rotation. Default 1 h.
     */
    @WithDefault("1h")
    Duration tokenLifetime();

    /**
     * bcrypt cost (log2 of the rounds) of new password and application-credential secret hashes, 4-31. Each step
     * doubles the time of a token request by password. Default 10 (about 50-80 ms on one core here).
     */
    @WithDefault("10")
    int bcryptCost();

    /** RSA modulus size of new signing keys, bits: 2048, 3072 or 4096. Default 2048. */
    @WithDefault("2048")
    int signingKeyBits();

    /**
     * The {@code kid} the JWKS and the tokens carry is {@code <prefix>-<random>}: lets operators tell installs apart.
     * Default {@code stratus}.
     */
    @WithDefault("stratus")
    String signingKeyPrefix();
}
