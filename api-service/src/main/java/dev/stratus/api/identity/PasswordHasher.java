package dev.stratus.api.identity;

import dev.stratus.api.config.ApiConfig;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** bcrypt hashes of passwords and application-credential secrets (cost from {@code stratus.api.identity}). */
@ApplicationScoped
public class PasswordHasher {
    /** A valid hash of nothing anyone knows: checked when the user does not exist, so timing does not tell. */
    private static final String DECOY = BcryptUtil.bcryptHash("decoy-" + System.nanoTime(), 10);

    @Inject
    ApiConfig config;

    public String hash(String secret) {
        return BcryptUtil.bcryptHash(secret, config.identity().bcryptCost());
    }

    public boolean matches(String secret, String hash) {
        if (secret == null) {
            return false;
        }
        return BcryptUtil.matches(secret, hash == null ? DECOY : hash);
    }
}
