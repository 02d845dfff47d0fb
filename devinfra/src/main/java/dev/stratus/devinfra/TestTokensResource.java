package dev.stratus.devinfra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Test resource that makes a service trust {@link TestTokens}: points {@code mp.jwt.verify.publickey.location} at
 * the test JWKS. {@link StratusTestInfra} returns the same configuration, so a test that already uses it needs
 * nothing more; this one is for tests without PostgreSQL and Kafka.
 */
public class TestTokensResource implements QuarkusTestResourceLifecycleManager {

    /** The configuration that makes a service verify {@link TestTokens}' tokens. */
    public static Map<String, String> config() {
        return Map.of("mp.jwt.verify.publickey.location", TestTokens.jwksUrl(),
                "mp.jwt.verify.issuer", TestTokens.ISSUER);
    }

    @Override
    public Map<String, String> start() {
        return config();
    }

    @Override
    public void stop() {
        // the JWKS server lives as long as the test JVM
    }
}
