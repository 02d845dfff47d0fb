package dev.stratus.api.identity;

import dev.stratus.platform.auth.RevokedTokens;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * api-service verifies tokens against its own signing keys, in memory, instead of fetching its own JWKS over HTTP
 * as the other services do: a key made by a rotation is trusted at once, and a token of a revoked application
 * credential is refused at once (other services as soon as the {@code TokensRevoked} event reaches them).
 */
@Alternative
@Priority(10) // above platform's StratusTokenParser
@ApplicationScoped
public class LocalTokenParser extends DefaultJWTParser {
    @Inject
    SigningKeys keys;
    @Inject
    ApplicationCredentials credentials;
    @Inject
    RevokedTokens revoked;

    private JwtConsumer consumer;

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        try {
            JwtClaims claims = consumer().processToClaims(token);
            String appCredential = claims.getClaimValueAsString(TokenIssuer.APP_CREDENTIAL_CLAIM);
            if (appCredential != null && credentials.isRevoked(appCredential)) {
                throw new ParseException("the token's application credential is revoked");
            }
            claims.setClaim(Claims.raw_token.name(), token);
            return revoked.checked(new DefaultJWTCallerPrincipal(token, "JWT", claims));
        } catch (InvalidJwtException e) {
            throw new ParseException("invalid token: " + e.getMessage(), e);
        }
    }

    private JwtConsumer consumer() {
        if (consumer == null) {
            consumer = new JwtConsumerBuilder()
                    .setRequireExpirationTime()
                    .setRequireSubject()
                    .setAllowedClockSkewInSeconds(30)
                    .setExpectedIssuer(TokenIssuer.ISSUER)
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                            AlgorithmIdentifiers.RSA_USING_SHA256)
                    .setVerificationKeyResolver((jws, nested) -> keys.trusted(jws.getKeyIdHeaderValue())
                            .orElseThrow(() -> new UnresolvableKeyException("unknown signing key "
                                    + jws.getKeyIdHeaderValue())).publicKey())
                    .build();
        }
        return consumer;
    }
}
