package dev.stratus.api;

import com.sun.net.httpserver.HttpExchange;
import dev.stratus.devinfra.StratusTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/**
 * The server view's {@code addresses}: the fixed address of each port by the name of its network (its id when
 * network-service does not name it), in Nova's shape, on create, show and list.
 */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServiceDouble.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ServerAddressesTest.Networks.class, restrictToAnnotatedClass = true)
class ServerAddressesTest {
    static final String WEB = "5d1e0000-0000-4000-8000-000000000001";
    static final String UNNAMED = "5d1e0000-0000-4000-8000-000000000002";

    /** network-service's routes a create calls: network {@link #WEB} is "web-net", {@link #UNNAMED} is not found. */
    public static class Networks implements QuarkusTestResourceLifecycleManager {
        private HttpDouble server;

        @Override
        public Map<String, String> start() {
            server = HttpDouble.serve(0, "/", Networks::handle);
            return Map.of("stratus.api.network-service-url", server.url());
        }

        private static void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if ("POST".equals(exchange.getRequestMethod()) && path.equals("/v1/ports")) {
                String network = body.contains(WEB) ? WEB : UNNAMED;
                reply(exchange, 201, "{\"id\":\"" + port(network) + "\"}");
            } else if (path.startsWith("/internal/v1/ports/") && path.endsWith("/binding")) {
                boolean web = path.contains(port(WEB));
                reply(exchange, 200, "{\"port_id\":\"" + (web ? port(WEB) : port(UNNAMED)) + "\",\"network_id\":\""
                        + (web ? WEB : UNNAMED) + "\",\"mac_address\":\"fa:16:3e:00:00:0" + (web ? 1 : 2)
                        + "\",\"ip_address\":\"10.0." + (web ? 1 : 2) + ".5\",\"cidr\":\"10.0.0.0/16\","
                        + "\"gateway_ip\":\"10.0.0.1\",\"dhcp_server_ip\":\"10.0.0.2\",\"mtu\":1450}");
            } else if (path.equals("/v1/networks/" + WEB)) {
                reply(exchange, 200, "{\"id\":\"" + WEB + "\",\"name\":\"web-net\"}");
            } else if (path.equals("/v1/networks")) {
                reply(exchange, 200, "{\"networks\":[]}");
            } else if ("DELETE".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            } else {
                reply(exchange, 404, "{\"status\":404,\"detail\":\"not found\"}");
            }
        }

        /** The port a create gets on {@code network}. */
        static String port(String network) {
            return network.equals(WEB) ? "7a0e0000-0000-4000-8000-000000000001" : "7a0e0000-0000-4000-8000-000000000002";
        }

        private static void reply(HttpExchange exchange, int status, String body) throws IOException {
            HttpDouble.reply(exchange, status, body);
        }

        @Override
        public void stop() {
            server.stop();
        }
    }

    @BeforeEach
    void authenticate() {
        Login.as("demo");
    }

    @Test
    void theAddressesAreTheFixedAddressesOfThePortsByNetworkName() {
        String name = "addressed-" + UUID.randomUUID().toString().substring(0, 8);
        String id = given().contentType(ContentType.JSON).body(Map.of("name", name, "flavor", "m1.tiny",
                        "image", "test-image", "networks", List.of(Map.of("network", WEB), Map.of("network", UNNAMED))))
                .post("/v1/servers").then().statusCode(202)
                .body("addresses.'web-net'", equalTo(List.of(Map.of("addr", "10.0.1.5", "version", 4, "type", "fixed",
                        "mac_addr", "fa:16:3e:00:00:01"))))
                .extract().path("id");
        try {
            given().get("/v1/servers/" + id).then().statusCode(200)
                    .body("addresses.'web-net'[0].addr", equalTo("10.0.1.5"))
                    .body("addresses.'" + UNNAMED + "'[0].addr", equalTo("10.0.2.5"))
                    .body("addresses.'" + UNNAMED + "'[0].type", equalTo("fixed"))
                    .body("addresses.'" + UNNAMED + "'[0].mac_addr", equalTo("fa:16:3e:00:00:02"))
                    .body("addresses", not(hasKey("floating")));
            given().get("/v1/servers?name=" + name).then().statusCode(200)
                    .body("servers[0].addresses.'web-net'[0].mac_addr", equalTo("fa:16:3e:00:00:01"));
        } finally {
            given().delete("/v1/servers/" + id).then().statusCode(202);
        }
    }
}
