package dev.stratus.devinfra;

import com.sun.net.httpserver.HttpServer;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Tokens for a service's tests, shaped like api-service's: RS256, {@code iss=stratus}, {@code sub}, {@code
 * project_id}, {@code groups}, {@code exp}. One RSA key pair per test JVM; its JWKS is served by a tiny JDK HTTP
 * server at {@link #jwksUrl()}, which {@link StratusTestInfra} and {@link TestTokensResource} hand to the
 * service as {@code mp.jwt.verify.publickey.location}.
 *
 * <pre>{@code given().auth().oauth2(TestTokens.member("project-a")).get("/v1/things")}</pre>
 */
public final class TestTokens {
    public static final String ISSUER = "stratus";
    private static final RsaJsonWebKey KEY = generate("test-key");
    /** Same kid as {@link #KEY}, other key pair: its signatures cannot verify. */
    private static final RsaJsonWebKey FORGER = generate("test-key");
    /** A kid the JWKS never lists. */
    private static final RsaJsonWebKey STRANGER = generate("unknown-key");
    private static HttpServer jwks;

    private TestTokens() {
    }

    /** A member of {@code project}: reads and writes the project's resources. */
    public static String member(String project) {
        return token("user-" + project, project, 3600, KEY, "member");
    }

    /** A reader of {@code project}: reads only. */
    public static String reader(String project) {
        return token("reader-" + project, project, 3600, KEY, "reader");
    }

    /** A cloud administrator, scoped to {@code project}. */
    public static String admin(String project) {
        return token("admin-" + project, project, 3600, KEY, "admin");
    }

    /** A Stratus component (agent, api-service) calling another one's {@code /internal/v1/*} routes. */
    public static String service() {
        return token("service-user", "service", 3600, KEY, "service");
    }

    /** A member token of {@code project} that expired a minute ago. */
    public static String expired(String project) {
        return token("user-" + project, project, -60, KEY, "member");
    }

    /** Signed by another key under the test key's kid: the signature does not verify. */
    public static String forged(String project) {
        return token("user-" + project, project, 3600, FORGER, "member");
    }

    /** Signed by a key whose kid the JWKS does not list. */
    public static String unknownKey(String project) {
        return token("user-" + project, project, 3600, STRANGER, "member");
    }

    /** Any token: user id, project, lifetime in seconds (negative = already expired), roles. */
    public static String token(String userId, String project, long lifetimeSeconds, String... roles) {
        return token(userId, project, lifetimeSeconds, KEY, roles);
    }

    /** The URL of this JVM's JWKS (starts the server on first use). */
    public static synchronized String jwksUrl() {
        if (jwks == null) {
            try {
                jwks = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException("cannot serve the test JWKS", e);
            }
            byte[] body = new JsonWebKeySet(KEY).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)
                    .getBytes(StandardCharsets.UTF_8);
            jwks.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            jwks.setExecutor(null);
            jwks.start();
        }
        return "http://localhost:" + jwks.getAddress().getPort() + "/jwks";
    }

    private static String token(String userId, String project, long lifetimeSeconds, RsaJsonWebKey key,
                                String... roles) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(userId);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(lifetimeSeconds / 60f);
        claims.setClaim("project_id", project);
        claims.setClaim("upn", userId);
        claims.setStringListClaim("groups", List.of(roles));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RsaJsonWebKey generate(String kid) {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(kid);
            key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            key.setUse("sig");
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
