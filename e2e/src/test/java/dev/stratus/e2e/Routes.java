package dev.stratus.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every route each running service serves, read from its {@code /q/openapi}: so no new endpoint escapes a test. */
final class Routes {
    /** One operation of one service. */
    record Route(String service, int port, String method, String path, String contentType) {
        boolean hasParameters() {
            return path.contains("{");
        }

        @Override
        public String toString() {
            return service + " " + method + " " + path;
        }
    }

    /** Service name → port offset from {@link Stack#PORT_BASE}. */
    static final Map<String, Integer> SERVICES = Map.of("api-service", 0, "scheduler-service", 1,
            "compute-agent", 2, "image-service", 3, "network-service", 4);
    /** Routes anyone may call (no token). */
    static final Set<String> PUBLIC = Set.of("POST /v1/auth/tokens", "GET /v1/auth/keys");
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(30);
    /** HTTP/1.1: the JDK client's h2c upgrade can stall against Vert.x. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(java.time.Duration.ofSeconds(5)).build();

    private Routes() {
    }

    static List<Route> all() {
        List<Route> routes = new ArrayList<>();
        SERVICES.forEach((service, offset) -> routes.addAll(of(service, Stack.PORT_BASE + offset)));
        routes.sort(java.util.Comparator.comparing(Route::toString));
        return routes;
    }

    static List<Route> of(String service, int port) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/q/openapi?format=json")).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(service + " serves no OpenAPI document (" + response.statusCode() + ")");
            }
            List<Route> routes = new ArrayList<>();
            JsonNode paths = JSON.readTree(response.body()).path("paths");
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                path.getValue().fields().forEachRemaining(operation -> {
                    if (METHODS.contains(operation.getKey())) {
                        Iterator<String> types = operation.getValue().path("requestBody").path("content").fieldNames();
                        routes.add(new Route(service, port, operation.getKey().toUpperCase(), path.getKey(),
                                types.hasNext() ? types.next() : null));
                    }
                });
            }
            return routes;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the routes of " + service, e);
        }
    }
}
