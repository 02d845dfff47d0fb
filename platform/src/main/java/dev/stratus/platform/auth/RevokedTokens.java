package dev.stratus.platform.auth;

import dev.stratus.contracts.Topics;
import dev.stratus.contracts.TokensRevoked;
import dev.stratus.platform.events.EventSubscription;
import dev.stratus.platform.events.KafkaSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens revoked before they expire, as api-service announces them ({@link TokensRevoked} on
 * {@link Topics#IDENTITY_EVENTS}): every service keeps the set in memory and refuses such a token (401) from the
 * moment the event arrives, instead of trusting it until {@code exp}. Each replica reads the topic from its start
 * (a consumer group of its own per start, {@code revocations-<application>-<random>}), so a restarted service knows
 * every revocation whose tokens may still be valid; entries are dropped once every token they cover has expired.
 * Off with {@code stratus.auth.revocations.enabled=false} or without {@code kafka.bootstrap.servers}.
 */
@ApplicationScoped
public class RevokedTokens {
    private static final Logger LOG = Logger.getLogger(RevokedTokens.class);
    /** The claim naming the application credential a token was exchanged for. */
    public static final String APP_CREDENTIAL_CLAIM = "app_cred_id";

    /** credential id → when its tokens have all expired. */
    private final Map<String, Instant> credentials = new ConcurrentHashMap<>();
    /**
     * user id + "/" + project id (or "null": every project, the user was disabled) → the latest revocation (tokens
     * issued at or before it are refused).
     */
    private final Map<String, TokensRevoked> users = new ConcurrentHashMap<>();
    private volatile EventSubscription subscription;
    private volatile boolean stopped;

    void start(@Observes StartupEvent event) {
        var config = ConfigProvider.getConfig();
        boolean enabled = config.getOptionalValue("stratus.auth.revocations.enabled", Boolean.class).orElse(true);
        var bootstrap = config.getOptionalValue("kafka.bootstrap.servers", String.class);
        if (!enabled || bootstrap.isEmpty()) {
            return;
        }
        String group = "revocations-" + config.getOptionalValue("quarkus.application.name", String.class)
                .orElse("service") + "-" + UUID.randomUUID();
        Thread starter = new Thread(() -> {
            try {
                KafkaSettings.ensureTopics(bootstrap.get(), 3, (short) 1);
            } catch (RuntimeException e) {
                LOG.warnf("cannot make sure the Kafka topics exist (subscribing anyway): %s", e.toString());
            }
            synchronized (this) {
                if (!stopped) {
                    subscription = new EventSubscription(bootstrap.get(), group, List.of(Topics.IDENTITY_EVENTS),
                            e -> {
                                if (e instanceof TokensRevoked revoked) {
                                    add(revoked);
                                }
                            }).start();
                }
            }
        }, "revocations-start");
        starter.setDaemon(true);
        starter.start();
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (subscription != null) {
            subscription.close();
        }
    }

    /** Records a revocation (idempotent; an older one for the same user and project is superseded). */
    public void add(TokensRevoked revoked) {
        Instant now = Instant.now();
        credentials.values().removeIf(forget -> forget.isBefore(now));
        users.values().removeIf(r -> r.forgetAfter().isBefore(now));
        if (revoked.forgetAfter() != null && revoked.forgetAfter().isBefore(now)) {
            return;
        }
        if (revoked.credentialId() != null) {
            credentials.merge(revoked.credentialId(), revoked.forgetAfter(), (a, b) -> a.isAfter(b) ? a : b);
        } else if (revoked.userId() != null) {
            users.merge(revoked.userId() + "/" + revoked.projectId(), revoked,
                    (a, b) -> a.revokedAt().isAfter(b.revokedAt()) ? a : b);
        }
    }

    /** Whether a token with these claims was revoked. */
    public boolean isRevoked(String userId, String projectId, String credentialId, long issuedAtEpochSecond) {
        if (credentialId != null && credentials.containsKey(credentialId)) {
            return true;
        }
        for (TokensRevoked user : new TokensRevoked[]{users.get(userId + "/" + projectId), users.get(userId + "/null")}) {
            if (user != null && issuedAtEpochSecond <= user.revokedAt().getEpochSecond()) {
                return true;
            }
        }
        return false;
    }

    /** The token, or a ParseException (a 401) if it was revoked. */
    public JsonWebToken checked(JsonWebToken jwt) throws ParseException {
        Object project = jwt.getClaim(CallerProducer.PROJECT_CLAIM);
        Object credential = jwt.getClaim(APP_CREDENTIAL_CLAIM);
        if (isRevoked(jwt.getSubject(), project == null ? null : project.toString(),
                credential == null ? null : credential.toString(), jwt.getIssuedAtTime())) {
            throw new ParseException("the token was revoked");
        }
        return jwt;
    }
}
