package dev.stratus.platform.auth;

import com.sun.net.httpserver.HttpServer;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unknown kids cost api-service at most one JWKS request per interval; a rotated key still verifies on sight. */
class JwksKeysTest {
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<RsaJsonWebKey> published = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private JwksKeys keys;
    private JwtConsumer consumer;

    @BeforeEach
    void start() throws Exception {
        published.add(key("k1"));
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/keys", exchange -> {
            requests.incrementAndGet();
            byte[] body;
            synchronized (published) {
                body = new JsonWebKeySet(new ArrayList<>(published)).toJson().getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        keys = new JwksKeys(URI.create("http://localhost:" + server.getAddress().getPort() + "/keys"),
                Duration.ofMinutes(10), Duration.ofSeconds(10), clock::get);
        consumer = StratusTokenParser.consumer("stratus", keys);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aFloodOfForgedKidsFetchesAtMostOncePerInterval() throws Exception {
        assertEquals("u1", consumer.processToClaims(token(published.get(0))).getSubject());
        assertEquals(1, requests.get());

        List<String> forged = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            forged.add(token(key("forged-" + i)));
        }
        assertEquals(50, rejected(forged));
        assertEquals(1, requests.get(), "no fetch within the interval of the first");

        clock.addAndGet(Duration.ofSeconds(11).toNanos());
        assertEquals(50, rejected(forged));
        assertEquals(2, requests.get(), "one fetch for the whole flood once the interval passed");
        assertEquals(50, rejected(forged));
        assertEquals(2, requests.get());
    }

    @Test
    void aRotatedKeyVerifiesOnFirstSightAndKnownKeysNeedNoFetch() throws Exception {
        consumer.processToClaims(token(published.get(0)));
        RsaJsonWebKey rotated = key("k2");
        synchronized (published) {
            published.add(rotated);
        }
        clock.addAndGet(Duration.ofSeconds(11).toNanos());
        assertEquals("u1", consumer.processToClaims(token(rotated)).getSubject());
        assertEquals(2, requests.get());
        for (int i = 0; i < 20; i++) {
            consumer.processToClaims(token(published.get(0)));
            consumer.processToClaims(token(rotated));
        }
        assertEquals(2, requests.get());
        // regular refresh after 10 minutes
        clock.addAndGet(Duration.ofMinutes(11).toNanos());
        consumer.processToClaims(token(rotated));
        assertEquals(3, requests.get());
        assertFalse(keys.key("nope").isPresent());
        assertThrows(InvalidJwtException.class, () -> consumer.processToClaims(token(key("k3"))));
    }

    private int rejected(List<String> tokens) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Boolean>> calls = new ArrayList<>();
            for (String t : tokens) {
                calls.add(() -> {
                    try {
                        consumer.processToClaims(t);
                        return false;
                    } catch (InvalidJwtException e) {
                        return true;
                    }
                });
            }
            int rejected = 0;
            for (Future<Boolean> f : pool.invokeAll(calls)) {
                rejected += f.get() ? 1 : 0;
            }
            assertTrue(rejected <= tokens.size());
            return rejected;
        } finally {
            pool.shutdown();
        }
    }

    private static RsaJsonWebKey key(String kid) throws Exception {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId(kid);
        return key;
    }

    private static String token(RsaJsonWebKey key) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("stratus");
        claims.setSubject("u1");
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setIssuedAtToNow();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }
}
