package dev.stratus.api.identity;

import dev.stratus.api.config.ApiConfig;
import dev.stratus.api.outbox.Outbox;
import dev.stratus.contracts.Topics;
import dev.stratus.contracts.TokensRevoked;
import dev.stratus.platform.auth.RevokedTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.time.Instant;
import java.util.UUID;

/**
 * Announces that issued tokens must be refused ({@link TokensRevoked}, through the outbox, in the caller's
 * transaction): every service's {@link RevokedTokens} picks it up from Kafka; api-service's own set is updated as the
 * transaction commits, so api-service refuses the tokens at once.
 */
@ApplicationScoped
public class Revocations {
    @Inject
    Outbox outbox;
    @Inject
    RevokedTokens revoked;
    @Inject
    ApiConfig config;
    @Inject
    TransactionSynchronizationRegistry transactions;

    /** Every token of the application credential. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void credential(ApplicationCredential credential) {
        announce(credential.id, credential.userId, credential.projectId);
    }

    /** Every token of the user on the project issued until now (the user lost a role there). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void userOnProject(String userId, String projectId) {
        announce(null, userId, projectId);
    }

    /** Every token of the user, on any project, issued until now (the user was disabled). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void user(String userId) {
        announce(null, userId, null);
    }

    private void announce(String credentialId, String userId, String projectId) {
        Instant now = Instant.now();
        UUID eventId = UUID.randomUUID();
        TokensRevoked event = new TokensRevoked(eventId.toString(), TokensRevoked.VERSION, credentialId,
                userId, projectId, now, now.plus(config.identity().tokenLifetime()).plusSeconds(60));
        outbox.add("user", userId, Topics.IDENTITY_EVENTS, eventId, event);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    revoked.add(event);
                            }
            }
        });
    }
}
