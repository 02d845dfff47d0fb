package dev.stratus.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/**
 * Test double of image-service for api-service's own tests (the e2e suite runs the real one): serves one
 * active image {@link #IMAGE_ID} named {@code test-image}, one queued image, and echoes the sha256 and size of
 * an uploaded body, so the edge route's streaming can be checked.
 */
public class ImageServiceDouble implements QuarkusTestResourceLifecycleManager {
    public static final String IMAGE_ID = "0b8e1c7e-5d1e-4a63-9a55-3f0f8a7b2c11";
    public static final String QUEUED_ID = "5c9a1f00-2d1e-4b63-9a55-3f0f8a7b2c22";
    private static final String ACTIVE = "{\"id\":\"" + IMAGE_ID + "\",\"name\":\"test-image\",\"status\":\"active\","
            + "\"properties\":{\"kernel_id\":\"k-1\",\"ramdisk_id\":\"r-1\"}}";
    private static final String QUEUED = "{\"id\":\"" + QUEUED_ID + "\",\"name\":\"empty-image\",\"status\":\"queued\","
            + "\"properties\":{}}";
    /** The id of every image created through {@code POST /v1/images} (snapshots). */
    public static final String CREATED_ID = "7d1e2f00-3a1e-4c63-9a55-3f0f8a7b2c33";
    /** The body and Authorization header of the last {@code POST /v1/images}. */
    public static volatile String lastCreateBody;
    public static volatile String lastCreateAuthorization;
    /** How many {@code POST /v1/images} it received. */
    public static final java.util.concurrent.atomic.AtomicInteger CREATES = new java.util.concurrent.atomic.AtomicInteger();
    /** What image-service answers a project holds (project id → JSON), and the projects it released. */
    public static final Map<String, String> HOLDINGS = new java.util.concurrent.ConcurrentHashMap<>();
    public static final java.util.Set<String> RELEASED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/v1/images", this::handle);
        server.createContext("/internal/projects/", exchange -> ProjectHoldingsDouble.handle(exchange, HOLDINGS,
                RELEASED));
        server.start();
        return Map.of("stratus.api.image-service-url", "http://localhost:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getQuery();
        if ("POST".equals(exchange.getRequestMethod()) && path.equals("/v1/images")) {
            lastCreateBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            lastCreateAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
            CREATES.incrementAndGet();
            reply(exchange, 201, "{\"id\":\"" + CREATED_ID + "\",\"status\":\"queued\"}");
        } else if ("PUT".equals(exchange.getRequestMethod())) {
            reply(exchange, 200, digest(exchange.getRequestBody()));
        } else if (path.equals("/v1/images/" + IMAGE_ID)) {
            reply(exchange, 200, ACTIVE);
        } else if (path.equals("/v1/images/" + QUEUED_ID)) {
            reply(exchange, 200, QUEUED);
        } else if (path.equals("/v1/images") && "name=test-image".equals(query)) {
            reply(exchange, 200, "{\"images\":[" + ACTIVE + "]}");
        } else if (path.equals("/v1/images") && "name=empty-image".equals(query)) {
            reply(exchange, 200, "{\"images\":[" + QUEUED + "]}");
        } else if (path.equals("/v1/images")) {
            reply(exchange, 200, "{\"images\":[]}");
        } else {
            reply(exchange, 404, "{\"status\":404}");
        }
    }

    private static String digest(InputStream body) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            long size = 0;
            for (int n; (n = body.read(buf)) > 0; size += n) {
                sha.update(buf, 0, n);
            }
            return "{\"size\":" + size + ",\"sha256\":\"" + HexFormat.of().formatHex(sha.digest()) + "\"}";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        server.stop(0);
    }
}
