package dev.stratus.api.identity;

import dev.stratus.platform.auth.Caller;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Application credentials: created by a user for its current project with (a subset of) its roles there; the
 * secret is returned once and only its bcrypt hash is kept. Revocation refuses new tokens at once, and the tokens
 * already issued for the credential in api-service at once and in every other service as soon as the
 * {@code TokensRevoked} event reaches it (about a second).
 */
@ApplicationScoped
public class ApplicationCredentials {
    private final SecureRandom random = new SecureRandom();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();

    @Inject
    PasswordHasher hasher;
    @Inject
    Revocations revocations;

    /** A new credential and its secret, which is shown this once. */
    public record Created(ApplicationCredential credential, String secret) {
    }

    @Transactional
    public Created create(Caller caller, String name) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw ApiException.badRequest("name", "name must be 1-63 letters, digits, '.', '_' or '-'");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ApplicationCredential credential = new ApplicationCredential();
        credential.id = UUID.randomUUID().toString();
        credential.userId = caller.userId();
        credential.projectId = caller.projectId();
        credential.name = name;
        credential.secretHash = hasher.hash(secret);
        credential.roles = String.join(",", caller.roles());
        credential.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        credential.persist();
        return new Created(credential, secret);
    }

    /** The caller's own credentials on its project. */
    public List<ApplicationCredential> list(Caller caller) {
        return ApplicationCredential.list("userId = ?1 and projectId = ?2 and revokedAt is null order by createdAt",
                caller.userId(), caller.projectId());
    }

    /** Revokes one of the caller's credentials; another user's or project's is a 404. */
    @Transactional
    public void revoke(Caller caller, String id) {
        ApplicationCredential credential = ApplicationCredential.<ApplicationCredential>find(
                "id = ?1 and userId = ?2 and projectId = ?3 and revokedAt is null", id, caller.userId(),
                caller.projectId()).firstResultOptional()
                .orElseThrow(() -> ApiException.notFound("application credential", id));
        credential.revokedAt = OffsetDateTime.now(ZoneOffset.UTC);
        revoked.add(id);
        revocations.credential(credential); // every service refuses its tokens as soon as the event arrives
    }

    /** The credential if the secret matches and it is neither revoked nor expired. */
    @Transactional
    public ApplicationCredential authenticate(String id, String secret) {
        ApplicationCredential credential = ApplicationCredential.findById(id);
        boolean ok = hasher.matches(secret, credential == null ? null : credential.secretHash);
        if (!ok || credential.revokedAt != null
                || (credential.expiresAt != null && credential.expiresAt.isBefore(OffsetDateTime.now()))) {
            return null;
        }
        return credential;
    }

    /** Whether a token of this credential must be refused (checked by api-service on every such token). */
    public boolean isRevoked(String id) {
        if (revoked.contains(id)) {
            return true;
        }
        ApplicationCredential credential = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> ApplicationCredential.findById(id));
        if (credential == null || credential.revokedAt != null) {
            revoked.add(id);
            return true;
        }
        return false;
    }
}
