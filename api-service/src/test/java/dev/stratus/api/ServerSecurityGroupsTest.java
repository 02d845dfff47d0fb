package dev.stratus.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.stratus.devinfra.StratusTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code security_groups} of {@code POST /v1/servers}: each name or id is resolved in the caller's project before
 * anything is made; the ports made for the server carry the groups (absent: network-service's default; empty: none),
 * a port the user passes keeps its own, and the server view names the groups. A refused group leaves no server, no
 * port and no quota use. network-service is {@link Groups}, a double answering as network-service does for project
 * demo (its routes are scoped by the caller's token: another project's group is a 404 by id and absent by name).
 */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServiceDouble.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ServerSecurityGroupsTest.Groups.class, restrictToAnnotatedClass = true)
class ServerSecurityGroupsTest {
    static final String NET = "5d1e0000-0000-4000-8000-0000000000a1";
    static final String WEB = "5e000000-0000-4000-8000-000000000001";
    static final String DUP_1 = "5e000000-0000-4000-8000-000000000002";
    static final String DUP_2 = "5e000000-0000-4000-8000-000000000003";
    static final String DEFAULT = "5e000000-0000-4000-8000-000000000004";
    /** A group of another project: network-service shows it to demo neither by id nor by name. */
    static final String FOREIGN = "5e000000-0000-4000-8000-000000000005";
    /** A port of demo's, unbound, in the default group. */
    static final String USER_PORT = "7a0e0000-0000-4000-8000-0000000000b1";
    static final String MADE_PORT = "7a0e0000-0000-4000-8000-0000000000b2";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** network-service's routes a create calls, recording each request ({@code METHOD path body}). */
    public static class Groups implements QuarkusTestResourceLifecycleManager {
        static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
        private static final Map<String, String> NAMES = Map.of(WEB, "web", DUP_1, "dup", DUP_2, "dup",
                DEFAULT, "default");
        private HttpDouble server;

        @Override
        public Map<String, String> start() {
            server = HttpDouble.serve(0, "/", Groups::handle);
            return Map.of("stratus.api.network-service-url", server.url());
        }

        private static void handle(HttpExchange exchange) throws IOException {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getQuery();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            REQUESTS.add(method + " " + path + (query == null ? "" : "?" + query) + " " + body);
            if (path.startsWith("/v1/security-groups/")) {
                String id = path.substring("/v1/security-groups/".length());
                HttpDouble.reply(exchange, NAMES.containsKey(id) ? 200 : 404, NAMES.containsKey(id) ? group(id)
                        : "{\"status\":404,\"detail\":\"security group " + id + " does not exist\"}");
            } else if (path.equals("/v1/security-groups")) {
                String name = query != null && query.startsWith("name=") ? query.substring(5) : null;
                List<String> found = new ArrayList<>();
                NAMES.keySet().stream().sorted().filter(id -> NAMES.get(id).equals(name))
                        .forEach(id -> found.add(group(id)));
                HttpDouble.reply(exchange, 200, "{\"security_groups\":[" + String.join(",", found) + "]}");
            } else if ("POST".equals(method) && path.equals("/v1/ports")) {
                ObjectNode port = (ObjectNode) JSON.readTree(body);
                if (!port.has("security_groups")) {
                    port.putArray("security_groups").add(DEFAULT);
                }
                port.put("id", MADE_PORT);
                HttpDouble.reply(exchange, 201, port.toString());
            } else if ("GET".equals(method) && path.equals("/v1/ports/" + USER_PORT)) {
                HttpDouble.reply(exchange, 200, "{\"id\":\"" + USER_PORT + "\",\"device_id\":\"\","
                        + "\"security_groups\":[\"" + DEFAULT + "\"]}");
            } else if (path.startsWith("/internal/v1/ports/") && path.endsWith("/binding")) {
                String port = path.split("/")[4];
                HttpDouble.reply(exchange, 200, "{\"port_id\":\"" + port + "\",\"network_id\":\"" + NET + "\","
                        + "\"mac_address\":\"fa:16:3e:00:00:0" + (port.equals(USER_PORT) ? 1 : 2) + "\","
                        + "\"ip_address\":\"10.0.9." + (port.equals(USER_PORT) ? 1 : 2) + "\",\"cidr\":\"10.0.9.0/24\","
                        + "\"gateway_ip\":\"10.0.9.254\",\"dhcp_server_ip\":\"10.0.9.253\",\"mtu\":1450}");
            } else if (path.equals("/v1/networks/" + NET)) {
                HttpDouble.reply(exchange, 200, "{\"id\":\"" + NET + "\",\"name\":\"sg-net\"}");
            } else if (path.equals("/v1/networks")) {
                HttpDouble.reply(exchange, 200, "{\"networks\":[]}");
            } else if ("PUT".equals(method) && path.equals("/v1/ports/" + USER_PORT)) {
                HttpDouble.reply(exchange, 200, "{\"id\":\"" + USER_PORT + "\"}");
            } else if ("DELETE".equals(method)) {
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            } else {
                HttpDouble.reply(exchange, 404, "{\"status\":404,\"detail\":\"not found\"}");
            }
        }

        private static String group(String id) {
            return "{\"id\":\"" + id + "\",\"name\":\"" + NAMES.get(id) + "\",\"project_id\":\"demo\"}";
        }

        @Override
        public void stop() {
            server.stop();
        }
    }

    @BeforeEach
    void authenticate() {
        Login.as("demo");
        Groups.REQUESTS.clear();
    }

    @Test
    void thePortsMadeForTheServerCarryTheNamedGroupsAndItsViewNamesThem() throws Exception {
        String name = "grouped-" + UUID.randomUUID().toString().substring(0, 8);
        // by name, by id, and the same group again: each group once, in the order named
        String id = create(name, List.of(Map.of("network", NET)), List.of("web", DUP_2, WEB)).statusCode(202)
                .body("security_groups", equalTo(List.of(Map.of("id", WEB, "name", "web"),
                        Map.of("id", DUP_2, "name", "dup"))))
                .extract().path("id");
        try {
            assertEquals(List.of(WEB, DUP_2), groupsOfMadePorts());
            given().get("/v1/servers/" + id).then().statusCode(200)
                    .body("security_groups.name", equalTo(List.of("web", "dup")));
            given().get("/v1/servers?name=" + name).then().statusCode(200)
                    .body("servers[0].security_groups.id", equalTo(List.of(WEB, DUP_2)));
        } finally {
            given().delete("/v1/servers/" + id).then().statusCode(202);
        }
    }

    @Test
    void absentIsTheDefaultGroupAndAnEmptyListIsNone() throws Exception {
        String absent = create("default-sg", List.of(Map.of("network", NET)), null).statusCode(202)
                .body("security_groups", equalTo(List.of(Map.of("id", DEFAULT, "name", "default"))))
                .extract().path("id");
        assertTrue(madePorts().get(0).path("security_groups").isMissingNode(),
                "no security_groups sent: network-service gives its default");
        Groups.REQUESTS.clear();
        String none = create("no-sg", List.of(Map.of("network", NET)), List.of()).statusCode(202)
                .body("security_groups", equalTo(List.of())).extract().path("id");
        assertEquals(List.of(), groupsOfMadePorts(), "an empty list is sent as it is: no group");
        for (String id : List.of(absent, none)) {
            given().delete("/v1/servers/" + id).then().statusCode(202);
        }
    }

    @Test
    void aPortTheUserPassesKeepsItsOwnGroups() throws Exception {
        String id = create("user-port-sg", List.of(Map.of("network", NET), Map.of("port", USER_PORT)),
                List.of("web")).statusCode(202)
                .body("security_groups", equalTo(List.of(Map.of("id", WEB, "name", "web"),
                        Map.of("id", DEFAULT, "name", "default"))))
                .extract().path("id");
        assertEquals(List.of(WEB), groupsOfMadePorts());
        String attach = Groups.REQUESTS.stream().filter(r -> r.startsWith("PUT /v1/ports/" + USER_PORT))
                .findFirst().orElseThrow();
        assertFalse(attach.contains("security_groups"), "the user's port is only bound: " + attach);
        given().delete("/v1/servers/" + id).then().statusCode(202);
    }

    @Test
    void anUnknownForeignOrAmbiguousGroupIsA400NamingItAndLeavesNothing() {
        long inUse = instancesInUse();
        Map<String, String> refusals = Map.of(
                "no-such-group", "security group 'no-such-group' does not exist in the project",
                FOREIGN, "security group '" + FOREIGN + "' does not exist in the project",
                "dup", "more than one security group of the project is named 'dup': give the group's id instead",
                " ", "each entry of security_groups is the name or id of a security group");
        refusals.forEach((group, detail) -> {
            String name = "refused-" + UUID.randomUUID().toString().substring(0, 8);
            // the good group first: it resolves, and still nothing is made
            create(name, List.of(Map.of("network", NET)), List.of("web", group)).statusCode(400)
                    .contentType("application/problem+json").body("field", equalTo("security_groups"))
                    .body("detail", containsString(detail));
            given().get("/v1/servers?name=" + name).then().statusCode(200).body("servers.size()", equalTo(0));
        });
        assertEquals(List.of(), Groups.REQUESTS.stream().filter(r -> r.contains("/ports") || r.contains("/devices/"))
                .toList(), "no port made, bound or released: " + Groups.REQUESTS);
        assertEquals(inUse, instancesInUse(), "no quota used");
    }

    @Test
    void tooManyGroupsOrAControlCharacterIsA400() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 65; i++) {
            many.add("g" + i);
        }
        create("too-many-sg", List.of(Map.of("network", NET)), many).statusCode(400)
                .body("field", equalTo("security_groups"));
        create("newline-sg", List.of(Map.of("network", NET)), List.of("we\nb")).statusCode(400)
                .body("field", containsString("security_groups"));
        assertEquals(List.of(), Groups.REQUESTS, "refused before network-service was asked");
    }

    private static ValidatableResponse create(String name, List<Map<String, String>> networks, List<String> groups) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "flavor", "m1.tiny", "image", "test-image",
                "networks", networks));
        if (groups != null) {
            body.put("security_groups", groups);
        }
        return given().contentType(ContentType.JSON).body(body).post("/v1/servers").then();
    }

    private static List<JsonNode> madePorts() throws IOException {
        List<JsonNode> bodies = new ArrayList<>();
        for (String request : Groups.REQUESTS) {
            if (request.startsWith("POST /v1/ports ")) {
                bodies.add(JSON.readTree(request.substring("POST /v1/ports ".length())));
            }
        }
        return bodies;
    }

    private static List<String> groupsOfMadePorts() throws IOException {
        List<JsonNode> ports = madePorts();
        assertEquals(1, ports.size(), "one port made: " + Groups.REQUESTS);
        List<String> ids = new ArrayList<>();
        ports.get(0).path("security_groups").forEach(g -> ids.add(g.asText()));
        return ids;
    }

    private static long instancesInUse() {
        return given().get("/v1/projects/demo/quotas").then().statusCode(200).extract().jsonPath()
                .getLong("instances.in_use");
    }
}
