package dev.stratus.agent.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.devinfra.TestTokens;
import dev.stratus.platform.events.EventCodec;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test double of the two api-service routes the agent calls (the e2e suite runs the real api-service):
 * {@code POST /v1/auth/tokens} for the service user {@code compute-agent} with {@link #PASSWORD} answers a service
 * token, and {@code GET /internal/v1/hosts/{host}/instances} answers what {@link #list} set for the host, only with
 * that token (else 401), or {@link #failWith} a status. One per test JVM; points {@code stratus.agent.identity-url}
 * and {@code .service-password} at itself.
 */
public class HostInstancesDouble implements QuarkusTestResourceLifecycleManager {
    public static final String PASSWORD = "agent-secret";
    private static final String TOKEN = TestTokens.service();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, List<Listed>> HOSTS = new ConcurrentHashMap<>();
    private static final AtomicInteger FAILURE = new AtomicInteger();
    private static final AtomicLong READS = new AtomicLong();
    private static HttpServer server;

    /** One listed instance; {@code placement}, {@code powerOperation} and {@code vmState} may be null. */
    public record Listed(String instanceId, InstancePlaced placement, String desiredState, long powerGeneration,
            String powerOperation, String vmState) {
    }

    /** What the route answers for {@code host} from now on. */
    public static void list(String host, List<Listed> instances) {
        HOSTS.put(host, List.copyOf(instances));
    }

    /** Every read of the route answers {@code status} (0: answer normally again). */
    public static void failWith(int status) {
        FAILURE.set(status);
    }

    /** How many lists were answered with 200 so far. */
    public static long reads() {
        return READS.get();
    }

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/v1/auth/tokens", HostInstancesDouble::token);
            server.createContext("/internal/v1/hosts/", HostInstancesDouble::instances);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
        }
        return Map.of("stratus.agent.identity-url", "http://localhost:" + server.getAddress().getPort(),
                "stratus.agent.service-password", PASSWORD);
    }

    private static void token(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        boolean ok = "POST".equals(exchange.getRequestMethod()) && body.contains("\"compute-agent\"")
                && body.contains("\"" + PASSWORD + "\"") && body.contains("\"service\"");
        respond(exchange, ok ? 201 : 401, ok ? "{\"token\":\"" + TOKEN + "\"}" : "{}");
    }

    private static void instances(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath(); // /internal/v1/hosts/{host}/instances
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, "{}");
            return;
        }
        if (FAILURE.get() != 0) {
            respond(exchange, FAILURE.get(), "{\"title\":\"Service Unavailable\"}");
            return;
        }
        String host = path.substring("/internal/v1/hosts/".length(), path.length() - "/instances".length());
        ArrayNode instances = JSON.createArrayNode();
        for (Listed listed : HOSTS.getOrDefault(host, List.of())) {
            ObjectNode node = instances.addObject().put("instance_id", listed.instanceId())
                    .put("desired_state", listed.desiredState()).put("power_generation", listed.powerGeneration())
                    .put("power_operation", listed.powerOperation());
            node.set("placement", listed.placement() == null ? null : JSON.readTree(EventCodec.encode(
                    listed.placement())));
            if (listed.vmState() != null) {
                node.put("vm_state", listed.vmState());
            }
        }
        READS.incrementAndGet();
        respond(exchange, 200, JSON.createObjectNode().set("instances", instances).toString());
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
        // kept for the whole JVM, like the Kafka broker
    }
}
