package dev.stratus.devinfra;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test double of the two api-service routes a service that enforces quotas calls (the e2e suite runs the real
 * api-service): {@code POST /v1/auth/tokens} for the service user {@code <service>-service} with {@code password}
 * answers a service token, and {@code GET /v1/projects/{id}/quotas} answers {@link #limits} of the project, only with
 * that token (else 401). Points {@code stratus.<service>.identity-url} and {@code .service-password} at itself.
 */
public abstract class ApiServiceDouble implements QuarkusTestResourceLifecycleManager {
    private static final String TOKEN = TestTokens.service();

    private final String service;
    private final String password;
    private final AtomicInteger quotaReads;
    private HttpServer server;

    /**
     * @param service    {@code image} or {@code network}: the config prefix and the service user's name
     * @param quotaReads counts the quota reads answered
     */
    protected ApiServiceDouble(String service, String password, AtomicInteger quotaReads) {
        this.service = service;
        this.password = password;
        this.quotaReads = quotaReads;
    }

    /** The JSON members after {@code "instances"} of the project's quotas, e.g. {@code "networks":{"limit":5}}. */
    protected abstract String limits(String project);

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
        return Map.of("stratus." + service + ".identity-url", "http://localhost:" + server.getAddress().getPort(),
                "stratus." + service + ".service-password", password);
    }

    private void token(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        boolean ok = "POST".equals(exchange.getRequestMethod()) && body.contains("\"" + service + "-service\"")
                && body.contains("\"" + password + "\"") && body.contains("\"service\"");
        respond(exchange, ok ? 201 : 401, ok ? "{\"token\":\"" + TOKEN + "\"}" : "{}");
    }

    private void quotas(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath(); // /v1/projects/{id}/quotas
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, "{}");
            return;
        }
        String project = path.substring("/v1/projects/".length(), path.length() - "/quotas".length());
        String limits = limits(project);
        quotaReads.incrementAndGet();
        respond(exchange, 200, "{\"instances\":{\"limit\":20,\"in_use\":0}," + limits + "}");
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
