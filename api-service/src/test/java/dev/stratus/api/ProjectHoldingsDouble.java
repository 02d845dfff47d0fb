package dev.stratus.api;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * The {@code /internal/projects/{id}} routes of image-service and network-service, as the doubles serve them:
 * {@code GET .../holdings} answers the JSON set for the project ({@code {}} by default), {@code DELETE} releases a
 * project that holds nothing (204, remembered) and answers 409 otherwise. Only a service token is answered.
 */
final class ProjectHoldingsDouble {
    private ProjectHoldingsDouble() {
    }

    static void handle(HttpExchange exchange, Map<String, String> holdings, Set<String> released) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String payload = auth == null || auth.split("\\.").length < 2 ? "" : new String(
                java.util.Base64.getUrlDecoder().decode(auth.split("\\.")[1]), StandardCharsets.UTF_8);
        String[] parts = exchange.getRequestURI().getPath().split("/"); // "", internal, projects, id[, holdings]
        String project = parts.length > 3 ? parts[3] : "";
        String held = holdings.getOrDefault(project, "{}");
        if (!payload.contains("\"service\"")) {
            reply(exchange, 403, "{\"status\":403}");
        } else if ("GET".equals(exchange.getRequestMethod()) && parts.length == 5 && "holdings".equals(parts[4])) {
            reply(exchange, 200, held);
        } else if ("DELETE".equals(exchange.getRequestMethod()) && parts.length == 4) {
            if (!"{}".equals(held)) {
                reply(exchange, 409, "{\"status\":409}");
            } else {
                released.add(project);
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            }
        } else {
            reply(exchange, 404, "{\"status\":404}");
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
}
