package dev.stratus.platform.idempotency;

import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code idempotent_request} table of a service (one per schema, created by the service's own migration):
 * <pre>
 * CREATE TABLE idempotent_request (
 *     scope VARCHAR(64) NOT NULL, key_hash VARCHAR(64) NOT NULL, request_hash VARCHAR(64) NOT NULL,
 *     attempt VARCHAR(36) NOT NULL, state VARCHAR(16) NOT NULL, status INT, location VARCHAR(2048), response BYTEA,
 *     created_at TIMESTAMPTZ NOT NULL DEFAULT now(), updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
 *     PRIMARY KEY (scope, key_hash));
 * </pre>
 * A request claims its key by inserting an {@code in_progress} row (committed at once, so duplicates see it);
 * {@link #complete} turns it {@code done} with the response, {@link #release} deletes it. Claims, releases and
 * lookups use their own autocommit connection; {@link #complete} joins the caller's transaction when there is one,
 * which is how a create stores its key atomically with what it creates.
 */
@ApplicationScoped
public class IdempotencyStore {
    private static final Logger LOG = Logger.getLogger(IdempotencyStore.class);
    private static final long CLEANUP_EVERY_MS = 60_000;
    private static final long POLL_MS = 50;

    /** A key this request holds until it completes or releases it. */
    public record Claim(String scope, String key, String keyHash, String attempt) {
    }

    /** A stored 2xx response. */
    public record Stored(int status, String location, String body) {
    }

    /** Either the key is now ours ({@code claim}) or the first request's response is to be replayed. */
    public record Outcome(Claim claim, Stored replay) {
    }

    @Inject
    Instance<DataSource> dataSource;
    @Inject
    IdempotencyConfig config;

    private final AtomicLong lastCleanup = new AtomicLong();
    private volatile String table;

    /**
     * Claims {@code key} for this request, or returns the stored response of the first request with it (same
     * {@code requestHash}); 409 if it was used for another request, or if the first is still running after
     * {@code stratus.idempotency.wait}.
     */
    public Outcome claim(String scope, String key, String requestHash) {
        return claim(scope, key, requestHash, config.maxWait());
    }

    /** {@link #claim(String, String, String)} waiting at most {@code maxWait} for a first request still running. */
    public Outcome claim(String scope, String key, String requestHash, java.time.Duration maxWait) {
        cleanupNowAndThen();
        String keyHash = ResponseSeal.keyHash(key);
        long deadline = System.nanoTime() + maxWait.toNanos();
        String attempt = UUID.randomUUID().toString();
        while (true) {
            try (Connection c = dataSource.get().getConnection()) {
                c.setAutoCommit(true);
                update(c, "DELETE FROM " + table() + " WHERE scope = ? AND key_hash = ? AND created_at < now() - "
                        + interval(config.retention().toMillis()), scope, keyHash);
                if (update(c, "INSERT INTO " + table() + " (scope, key_hash, request_hash, attempt, state) VALUES "
                        + "(?, ?, ?, ?, 'in_progress') ON CONFLICT DO NOTHING", scope, keyHash, requestHash, attempt) == 1) {
                    return new Outcome(new Claim(scope, key, keyHash, attempt), null);
                }
                Optional<Outcome> existing = existing(c, scope, key, keyHash, requestHash, attempt);
                if (existing.isPresent()) {
                    return existing.get();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read Idempotency-Key state", e);
            }
            if (System.nanoTime() > deadline) {
                throw new ApiException(409, "Conflict", "a request with this Idempotency-Key is still in progress;"
                        + " retry later to get its response", "Idempotency-Key").withHeader("Retry-After", "1");
            }
            sleep();
        }
    }

    private Optional<Outcome> existing(Connection c, String scope, String key, String keyHash, String requestHash,
                                       String attempt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT request_hash, state, status, location, response, "
                + "attempt, updated_at < now() - " + interval(config.abandonedAfter().toMillis()) + " FROM " + table()
                + " WHERE scope = ? AND key_hash = ?")) {
            s.setString(1, scope);
            s.setString(2, keyHash);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty(); // released meanwhile: try to claim it again
                }
                boolean abandoned = r.getBoolean(7);
                if (!"done".equals(r.getString(2)) && abandoned) {
                    int taken = update(c, "UPDATE " + table() + " SET attempt = ?, request_hash = ?, updated_at = "
                            + "now() WHERE scope = ? AND key_hash = ? AND attempt = ?", attempt, requestHash, scope,
                            keyHash, r.getString(6));
                    return taken == 1 ? Optional.of(new Outcome(new Claim(scope, key, keyHash, attempt), null))
                            : Optional.empty();
                }
                if (!requestHash.equals(r.getString(1))) {
                    throw new ApiException(409, "Conflict", "this Idempotency-Key was used for another request "
                            + "(another body, route or caller); use a new key for a new request", "Idempotency-Key");
                }
                if (!"done".equals(r.getString(2))) {
                    return Optional.empty(); // the first request still runs: wait
                }
                String body = new String(ResponseSeal.open(key, r.getBytes(5)), StandardCharsets.UTF_8);
                return Optional.of(new Outcome(null, new Stored(r.getInt(3), r.getString(4), body)));
            }
        }
    }

    /**
     * Stores the response of the claim's request. Inside a JTA transaction the row changes with that transaction
     * (commits or rolls back with the create); 409 if the claim was taken over meanwhile (then the create must not
     * commit).
     */
    public void complete(Claim claim, int status, String location, String body) {
        byte[] sealed = ResponseSeal.seal(claim.key(), body.getBytes(StandardCharsets.UTF_8));
        try (Connection c = dataSource.get().getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE " + table() + " SET state = 'done', status = ?, "
                     + "location = ?, response = ?, updated_at = now() WHERE scope = ? AND key_hash = ? AND "
                     + "attempt = ? AND state = 'in_progress'")) {
            s.setInt(1, status);
            s.setString(2, location);
            s.setBytes(3, sealed);
            s.setString(4, claim.scope());
            s.setString(5, claim.keyHash());
            s.setString(6, claim.attempt());
            if (s.executeUpdate() != 1) {
                throw new ApiException(409, "Conflict", "this request's Idempotency-Key was taken over by another "
                        + "request after " + config.abandonedAfter() + "; retry to get its response", "Idempotency-Key");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the Idempotency-Key response", e);
        }
    }

    /** Frees the key: the request failed, a retry with the key runs again. */
    public void release(Claim claim) {
        try (Connection c = dataSource.get().getConnection()) {
            update(c, "DELETE FROM " + table() + " WHERE scope = ? AND key_hash = ? AND attempt = ? AND state = "
                    + "'in_progress'", claim.scope(), claim.keyHash(), claim.attempt());
        } catch (SQLException e) {
            LOG.warnf("cannot free an Idempotency-Key (it is taken over after %s): %s", config.abandonedAfter(), e);
        }
    }

    /** Deletes every key older than the retention, at most once a minute. */
    void cleanupNowAndThen() {
        long now = System.currentTimeMillis();
        long last = lastCleanup.get();
        if (now - last < CLEANUP_EVERY_MS || !lastCleanup.compareAndSet(last, now)) {
            return;
        }
        try (Connection c = dataSource.get().getConnection()) {
            c.setAutoCommit(true);
            int removed = update(c, "DELETE FROM " + table() + " WHERE created_at < now() - "
                    + interval(config.retention().toMillis()));
            if (removed > 0) {
                LOG.debugf("removed %d expired Idempotency-Keys", removed);
            }
        } catch (SQLException e) {
            LOG.warnf("cannot remove expired Idempotency-Keys: %s", e);
        }
    }

    private String table() {
        if (table == null) {
            table = config.table().orElseGet(() -> ConfigProvider.getConfig()
                    .getOptionalValue("quarkus.flyway.schemas", String.class)
                    .map(s -> s.split(",")[0].trim() + ".idempotent_request").orElse("idempotent_request"));
            if (!table.matches("[A-Za-z0-9_.]+")) {
                throw new IllegalStateException("stratus.idempotency.table is not a table name: " + table);
            }
        }
        return table;
    }

    private static String interval(long millis) {
        return "interval '" + millis + " milliseconds'";
    }

    private static int update(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            return s.executeUpdate();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an Idempotency-Key", e);
        }
    }
}
