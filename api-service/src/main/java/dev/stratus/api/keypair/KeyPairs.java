package dev.stratus.api.keypair;

import dev.stratus.api.quota.ComputeUsage;
import dev.stratus.api.quota.QuotaLimits;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Key pairs of a project: imported (an OpenSSH public key) or generated (ed25519, the private key returned once).
 * The {@code key_pairs} quota is enforced atomically: the create holds the project's lock
 * ({@link ComputeUsage#lock}) while it counts, so parallel creates cannot pass the limit together.
 */
@ApplicationScoped
public class KeyPairs {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,62}");

    @Inject
    ComputeUsage usage;
    @Inject
    QuotaLimits limits;

    /** A stored key pair and, if it was generated, its private key (shown this once). */
    public record Created(KeyPair keyPair, String privateKey) {
    }

    @Transactional
    public Created create(String projectId, String userId, String name, String publicKey) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiException.badRequest("name", "name must be 1-63 letters, digits, '.', '_', '@' or '-', starting"
                    + " with a letter or digit");
        }
        OpenSshKeys.PublicKey key;
        String privateKey = null;
        if (publicKey == null) {
            OpenSshKeys.Generated generated = OpenSshKeys.generateEd25519(name);
            key = generated.publicKey();
            privateKey = generated.privateKey();
        } else {
            key = OpenSshKeys.parse(publicKey);
        }
        usage.lock(projectId);
        if (KeyPair.count("projectId = ?1 and name = ?2", projectId, name) > 0) {
            throw new ApiException(409, "Conflict", "the project already has a key pair named " + name, "name");
        }
        long max = limits.of(projectId).get("key_pairs");
        long used = count(projectId);
        if (max >= 0 && used + 1 > max) {
            throw new ApiException(409, "Quota Exceeded", "quota key_pairs exceeded: the project may have " + max
                    + ", this request needs " + (used + 1) + " (ask an admin: PUT /v1/projects/{id}/quotas)",
                    "key_pairs");
        }
        KeyPair pair = new KeyPair();
        pair.id = UUID.randomUUID().toString();
        pair.projectId = projectId;
        pair.userId = userId;
        pair.name = name;
        pair.type = key.type();
        pair.publicKey = key.line();
        pair.fingerprint = key.fingerprint();
        pair.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        pair.persist();
        return new Created(pair, privateKey);
    }

    public List<KeyPair> list(String projectId) {
        return KeyPair.list("projectId = ?1 order by name", projectId);
    }

    /** The project's key pair by id or name; 404 otherwise (another project's too). */
    public KeyPair get(String projectId, String idOrName) {
        return KeyPair.<KeyPair>find("projectId = ?1 and (id = ?2 or name = ?2)", projectId, idOrName)
                .firstResultOptional().orElseThrow(() -> ApiException.notFound("key pair", idOrName));
    }

    @Transactional
    public void delete(String projectId, String idOrName) {
        get(projectId, idOrName).delete();
    }

    public long count(String projectId) {
        return KeyPair.count("projectId", projectId);
    }
}
