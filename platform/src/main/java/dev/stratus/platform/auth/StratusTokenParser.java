package dev.stratus.platform.auth;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.UnresolvableKeyException;

import java.net.URI;
import java.time.Duration;

/**
 * How every service but api-service verifies tokens: RS256 against api-service's JWKS ({@link JwksKeys}: refreshed
 * every {@code stratus.auth.jwks-refresh-interval}, at once for an unknown kid but at most once per
 * {@code stratus.auth.jwks-min-fetch-interval}), issuer {@code mp.jwt.verify.issuer}, expiry required (30 s skew),
 * and not revoked ({@link RevokedTokens}). A JWKS location that is not http(s) falls back to SmallRye's parser.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class StratusTokenParser extends DefaultJWTParser {
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    String location;
    @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = "stratus")
    String issuer;
    /** Regular JWKS refresh. Default 10 min. */
    @ConfigProperty(name = "stratus.auth.jwks-refresh-interval", defaultValue = "10m")
    Duration refreshInterval;
    /** Minimum time between two JWKS requests, forced by unknown kids or not. Default 10 s. */
    @ConfigProperty(name = "stratus.auth.jwks-min-fetch-interval", defaultValue = "10s")
    Duration minFetchInterval;
    @Inject
    RevokedTokens revoked;

    private volatile JwtConsumer consumer;

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        if (!location.startsWith("http://") && !location.startsWith("https://")) {
            return revoked.checked(super.parse(token));
        }
        try {
            JwtClaims claims = consumer().processToClaims(token);
            claims.setClaim(Claims.raw_token.name(), token);
            return revoked.checked(new DefaultJWTCallerPrincipal(token, "JWT", claims));
        } catch (InvalidJwtException e) {
            throw new ParseException("invalid token: " + e.getMessage(), e);
        }
    }

    private JwtConsumer consumer() {
        if (consumer == null) {
            JwksKeys keys = new JwksKeys(URI.create(location), refreshInterval, minFetchInterval, System::nanoTime);
            consumer = consumer(issuer, keys);
        }
        return consumer;
    }

    static JwtConsumer consumer(String issuer, JwksKeys keys) {
        return new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(30)
                .setExpectedIssuer(issuer)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .setVerificationKeyResolver((jws, nested) -> keys.key(jws.getKeyIdHeaderValue())
                        .orElseThrow(() -> new UnresolvableKeyException("unknown signing key "
                                + jws.getKeyIdHeaderValue())))
                .build();
    }
}
