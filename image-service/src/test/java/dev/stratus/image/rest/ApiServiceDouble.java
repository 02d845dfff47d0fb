package dev.stratus.image.rest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stratus.devinfra.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test double of api-service's two routes image-service calls (the e2e suite runs the real one): {@code POST
 * /v1/auth/tokens} for the service user {@code image-service} (password {@link #PASSWORD}) answers a service token,
 * and {@code GET /v1/projects/{id}/quotas} answers, only with that token (else 401), {@link #IMAGES} images for
 * projects named {@code quota-images-*}, {@link #IMAGE_BYTES} image bytes for {@code quota-bytes-*}, 1000 images and
 * unlimited (-1) bytes otherwise.
 */
public class ApiServiceDouble implements QuarkusTestResourceLifecycleManager {
    public static final String PASSWORD = "image-test-password";
    public static final int IMAGES = 3;
    public static final long IMAGE_BYTES = 1024 * 1024;
    /** How many quota reads were answered. */
    public static final AtomicInteger QUOTA_READS = new AtomicInteger();
    private static final String TOKEN = TestTokens.service();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/v1/auth/tokens", this::token);
        server.createContext("/v1/projects/", this::quotas);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return Map.of("stratus.image.identity-url", "http://localhost:" + server.getAddress().getPort(),
                "stratus.image.service-password", PASSWORD);
    }

    private void token(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        boolean ok = "POST".equals(exchange.getRequestMethod()) && body.contains("\"image-service\"")
                && body.contains("\"" + PASSWORD + "\"") && body.contains("\"service\"");
        respond(exchange, ok ? 201 : 401, ok ? "{\"token\":\"" + TOKEN + "\"}" : "{}");
    }

    private void quotas(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath(); // /v1/projects/{id}/quotas
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, "{}");
            return;
        }
        String project = path.substring("/v1/projects/".length(), path.length() - "/quotas".length());
        long images = project.startsWith("quota-images-") ? IMAGES : 1000;
        long bytes = project.startsWith("quota-bytes-") ? IMAGE_BYTES : -1;
        QUOTA_READS.incrementAndGet();
        respond(exchange, 200, "{\"instances\":{\"limit\":20,\"in_use\":0},\"images\":{\"limit\":" + images
                + ",\"in_use\":null},\"image_bytes\":{\"limit\":" + bytes + ",\"in_use\":null}}");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
