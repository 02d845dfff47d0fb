package dev.stratus.api.quota;

import dev.stratus.api.config.ApiConfig;
import dev.stratus.platform.problem.ApiException;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * {@code Idempotency-Key} of creates, per project: the first request's response is stored in the create's own
 * transaction (primary key (project, key)); a retry with the same body gets that response again, a reuse with
 * another body a 409. Callers hold the project's lock ({@link ComputeUsage#lock}) so parallel retries queue up
 * and see the stored response. Keys are kept {@code stratus.api.idempotency-key-retention} (default 24 h).
 */
@ApplicationScoped
public class IdempotencyKeys {
    /** A response to replay. */
    public record StoredResponse(int status, String location, String body) {
    }

    @Inject
    ApiConfig config;

    /** The stored response of this key, or empty if the key is new (or expired); 409 if the body differs. */
    public Optional<StoredResponse> replay(String projectId, String key, String requestHash) {
        validate(key);
        OffsetDateTime expired = OffsetDateTime.now(ZoneOffset.UTC).minus(config.idempotencyKeyRetention());
        Panache.getEntityManager().createNativeQuery("DELETE FROM api.idempotency_key WHERE project_id = ?1 AND "
                        + "idem_key = ?2 AND created_at < ?3")
                .setParameter(1, projectId).setParameter(2, key).setParameter(3, expired).executeUpdate();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("SELECT request_hash, status, location, "
                        + "response_body FROM api.idempotency_key WHERE project_id = ?1 AND idem_key = ?2")
                .setParameter(1, projectId).setParameter(2, key).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        if (!requestHash.equals(row[0])) {
            throw new ApiException(409, "Conflict", "Idempotency-Key '" + key + "' was used for another request"
                    + " body; use a new key for a new request", "Idempotency-Key");
        }
        return Optional.of(new StoredResponse(((Number) row[1]).intValue(), (String) row[2], (String) row[3]));
    }

    /** Stores the response of the first request with this key (same transaction as the create). */
    public void store(String projectId, String key, String requestHash, StoredResponse response) {
        Panache.getEntityManager().createNativeQuery("INSERT INTO api.idempotency_key (project_id, idem_key, "
                        + "request_hash, status, location, response_body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, projectId).setParameter(2, key).setParameter(3, requestHash)
                .setParameter(4, response.status()).setParameter(5, response.location())
                .setParameter(6, response.body()).executeUpdate();
    }

    /** A hash of the request's meaning (e.g. its canonical fields). */
    public static String hash(String canonical) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void validate(String key) {
        if (key.isBlank() || key.length() > 255) {
            throw ApiException.badRequest("Idempotency-Key", "Idempotency-Key must be 1-255 characters");
        }
    }
}
