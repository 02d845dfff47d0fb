package dev.stratus.api.identity;

import dev.stratus.api.config.ApiConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.lang.JoseException;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The RSA keys that sign tokens, persisted in {@code signing_key}. The newest unretired key signs. Rotation retires it
 * and makes a new one; a retired key stays published (JWKS) and trusted until every token it signed has expired.
 */
@ApplicationScoped
public class SigningKeys {
    /** A key ready to sign or verify. */
    public record ActiveKey(String kid, PrivateKey privateKey, PublicKey publicKey, String publicJwk,
                            OffsetDateTime retiredAt) {
    }

    @Inject
    ApiConfig config;

    private final SecureRandom random = new SecureRandom();
    private volatile Map<String, ActiveKey> trusted = Map.of();
    private volatile ActiveKey signing;

    /** The key that signs new tokens (made on first use when there is none). */
    public ActiveKey signing() {
        ActiveKey key = signing;
        if (key == null) {
            synchronized (this) {
                if (signing == null) {
                    QuarkusTransaction.requiringNew().run(() -> {
                        if (SigningKey.count("retiredAt is null") == 0) {
                            create();
                        }
                    });
                    reload();
                }
                key = signing;
            }
        }
        return key;
    }

    /** A trusted key by kid; reloads once from the database for a kid it does not know (another replica rotated). */
    public Optional<ActiveKey> trusted(String kid) {
        signing();
        ActiveKey key = trusted.get(kid);
        if (key == null && kid != null) {
            reload();
            key = trusted.get(kid);
        }
        return Optional.ofNullable(key);
    }

    /** The public keys of every key whose tokens may still be valid, as a JWK set. */
    public List<String> publishedJwks() {
        signing();
        return trusted.values().stream().map(ActiveKey::publicJwk).toList();
    }

    /** Retires the signing key and makes a new one; returns the new kid. Old tokens verify until they expire. */
    public String rotate() {
        String kid = QuarkusTransaction.requiringNew().call(() -> {
            OffsetDateTime now = now();
            SigningKey.update("retiredAt = ?1 where retiredAt is null", now);
            return create().kid;
        });
        reload();
        return kid;
    }

    private SigningKey create() {
        try {
            RsaJsonWebKey jwk = RsaJwkGenerator.generateJwk(config.identity().signingKeyBits());
            byte[] suffix = new byte[8];
            random.nextBytes(suffix);
            jwk.setKeyId(config.identity().signingKeyPrefix() + "-" + HexFormat.of().formatHex(suffix));
            jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            jwk.setUse("sig");
            SigningKey row = new SigningKey();
            row.kid = jwk.getKeyId();
            row.privateKey = Base64.getEncoder().encodeToString(jwk.getPrivateKey().getEncoded());
            row.publicJwk = jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
            row.createdAt = now();
            row.persist();
            return row;
        } catch (JoseException e) {
            throw new IllegalStateException("cannot generate a signing key", e);
        }
    }

    private synchronized void reload() {
        OffsetDateTime oldestValid = now().minus(config.identity().tokenLifetime());
        List<SigningKey> rows = QuarkusTransaction.requiringNew().call(() ->
                SigningKey.<SigningKey>list("retiredAt is null or retiredAt > ?1 order by createdAt desc", oldestValid));
        Map<String, ActiveKey> keys = new LinkedHashMap<>();
        ActiveKey newest = null;
        for (SigningKey row : rows) {
            ActiveKey key = load(row);
            keys.put(key.kid(), key);
            if (newest == null && row.retiredAt == null) {
                newest = key;
            }
        }
        trusted = Map.copyOf(keys);
        signing = newest;
    }

    private static ActiveKey load(SigningKey row) {
        try {
            PrivateKey priv = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(row.privateKey)));
            PublicKey pub = PublicJsonWebKey.Factory.newPublicJwk(row.publicJwk).getPublicKey();
            return new ActiveKey(row.kid, priv, pub, row.publicJwk, row.retiredAt);
        } catch (Exception e) {
            throw new IllegalStateException("signing key " + row.kid + " cannot be loaded", e);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
