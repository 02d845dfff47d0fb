package dev.stratus.agent.image;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A tiny stand-in for image-service: {@code GET /v1/images/{id}} and {@code GET /v1/images/{id}/file}. */
public final class ImageServer implements AutoCloseable {
    private record Image(String id, String status, String diskFormat, String sha256, byte[] content) {
    }

    private final HttpServer server;
    private final Map<String, Image> images = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> downloads = new ConcurrentHashMap<>();

    public ImageServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/images/", this::serve);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Serves an active image with its true checksum; returns the sha256. */
    public String add(String id, String diskFormat, byte[] content) {
        String sha = sha256(content);
        images.put(id, new Image(id, "active", diskFormat, sha, content));
        return sha;
    }

    /** Serves an image whose metadata carries a checksum that does not match its bytes. */
    public void addCorrupt(String id, byte[] content) {
        images.put(id, new Image(id, "active", "raw", sha256("something else".getBytes()), content));
    }

    public void addQueued(String id) {
        images.put(id, new Image(id, "queued", "raw", null, new byte[0]));
    }

    /** The data a client uploaded to a queued image ({@code PUT .../file}), or null. */
    public byte[] uploaded(String id) {
        Image image = images.get(id);
        return image == null || !"active".equals(image.status()) ? null : image.content();
    }

    public int downloads(String id) {
        return downloads.getOrDefault(id, new AtomicInteger()).get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI().getPath().substring("/v1/images/".length()).split("/");
        Image image = images.get(parts[0]);
        if (image == null) {
            respond(exchange, 404, "application/problem+json", "{\"status\":404}".getBytes());
        } else if (parts.length == 2 && parts[1].equals("file") && "PUT".equals(exchange.getRequestMethod())) {
            byte[] data = exchange.getRequestBody().readAllBytes();
            if (!"queued".equals(image.status())) {
                respond(exchange, 409, "application/problem+json", "{\"status\":409}".getBytes());
                return;
            }
            images.put(image.id(), new Image(image.id(), "active", "qcow2", sha256(data), data));
            respond(exchange, 200, "application/json", "{}".getBytes());
        } else if (parts.length == 2 && parts[1].equals("file")) {
            downloads.computeIfAbsent(image.id(), k -> new AtomicInteger()).incrementAndGet();
            respond(exchange, 200, "application/octet-stream", image.content());
        } else {
            String json = "{\"id\":\"" + image.id() + "\",\"name\":\"img\",\"status\":\"" + image.status()
                    + "\",\"disk_format\":\"" + image.diskFormat() + "\",\"container_format\":\"bare\",\"size\":"
                    + image.content().length + ",\"os_hash_algo\":\"sha256\",\"os_hash_value\":"
                    + (image.sha256() == null ? "null" : "\"" + image.sha256() + "\"")
                    + ",\"properties\":{\"os_distro\":\"test\"}}";
            respond(exchange, 200, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
