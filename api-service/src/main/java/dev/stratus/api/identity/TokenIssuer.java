package dev.stratus.api.identity;

import dev.stratus.api.config.ApiConfig;
import dev.stratus.platform.auth.CallerProducer;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Signs tokens: RS256 with the current signing key ({@code kid} in the header); claims {@code iss=stratus},
 * {@code sub} (user id), {@code upn} (user name), {@code project_id}, {@code groups} (roles), {@code iat}, {@code exp},
 * {@code jti}, and {@code app_cred_id} when an application credential was exchanged.
 */
@ApplicationScoped
public class TokenIssuer {
    public static final String ISSUER = "stratus";
    public static final String APP_CREDENTIAL_CLAIM = "app_cred_id";

    /** A signed token and when it expires. */
    public record IssuedToken(String token, Instant expiresAt) {
    }

    @Inject
    SigningKeys keys;
    @Inject
    ApiConfig config;

    public IssuedToken issue(User user, String projectId, Set<String> roles, String appCredentialId) {
        return issue(user.id, user.name, projectId, roles, appCredentialId, config.identity().tokenLifetime());
    }

    public IssuedToken issue(String userId, String userName, String projectId, Set<String> roles,
                             String appCredentialId, Duration lifetime) {
        SigningKeys.ActiveKey key = keys.signing();
        Instant now = Instant.now();
        Instant exp = now.plus(lifetime);
        var claims = Jwt.issuer(ISSUER).subject(userId).upn(userName).claim(CallerProducer.PROJECT_CLAIM, projectId)
                .groups(roles).issuedAt(now).expiresAt(exp).claim("jti", UUID.randomUUID().toString());
        if (appCredentialId != null) {
            claims.claim(APP_CREDENTIAL_CLAIM, appCredentialId);
        }
        return new IssuedToken(claims.jws().keyId(key.kid()).algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256)
                .sign(key.privateKey()), exp);
    }
}
