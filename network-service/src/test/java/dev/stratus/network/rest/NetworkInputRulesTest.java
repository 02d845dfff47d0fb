package dev.stratus.network.rest;

import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.devinfra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.stratus.network.rest.Tokens.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 12's cases in network-service: a NUL in a name or a query value, a name longer than its column, a value of
 * another JSON type, a body over the limit: each a 400 (413) problem+json naming what to fix, nothing created.
 */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ApiServiceDouble.class, restrictToAnnotatedClass = false)
class NetworkInputRulesTest {
    static final String PROJECT = "input-rules";

    @BeforeEach
    void authenticate() {
        Tokens.use(TestTokens.member(PROJECT));
    }

    @AfterEach
    void forgetToken() {
        Tokens.forget();
    }

    @Test
    void aNulInANameIsA400OnEveryWriteRoute() {
        String net = PortIpamTest.network("nul-checks");
        String port = PortIpamTest.port(net);
        int networks = count("/v1/networks", "networks");
        refused("POST", "/v1/networks", "{\"name\": \"a\\u0000b\"}", "name");
        refused("POST", "/v1/security-groups", "{\"name\": \"a\\u0000b\"}", "name");
        refused("PUT", "/v1/networks/" + net, "{\"name\": \"a\\u0000b\"}", "name");
        refused("PUT", "/v1/ports/" + port, "{\"name\": \"a\\u0000b\"}", "name");
        refused("POST", "/v1/routers", "{\"name\": \"a\\u0000b\"}", "name");
        refused("POST", "/v1/ports", "{\"network_id\": \"" + net + "\", \"device_id\": \"\\u0000\"}", "device_id");
        assertEquals(networks, count("/v1/networks", "networks"));
        given().get("/v1/networks/" + net).then().body("name", equalTo("nul-checks"));
    }

    @Test
    void aNulInAQueryValueOrPathIdIsA400() {
        given().urlEncodingEnabled(false).get("/v1/ports?device_id=%00").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("device_id"));
        given().urlEncodingEnabled(false).get("/v1/networks?name=%00").then().statusCode(400);
        given().urlEncodingEnabled(false).get("/v1/networks/%00").then().statusCode(400)
                .contentType("application/problem+json");
        given().urlEncodingEnabled(false).delete("/v1/security-groups/%00").then().statusCode(400);
    }

    @Test
    void aPortNameLongerThanItsColumnIsA400NotA500() {
        String net = PortIpamTest.network("long-names");
        int ports = count("/v1/ports", "ports");
        refused("POST", "/v1/ports", "{\"network_id\": \"" + net + "\", \"name\": \"" + "p".repeat(300) + "\"}",
                "name").body("detail", containsString("at most 255"));
        assertEquals(ports, count("/v1/ports", "ports"));
        String port = PortIpamTest.port(net);
        refused("PUT", "/v1/ports/" + port, "{\"name\": \"" + "p".repeat(100_000) + "\"}", "name");
        refused("POST", "/v1/security-groups", "{\"name\": \"g\", \"description\": \"" + "d".repeat(256) + "\"}",
                "description");
        refused("PUT", "/v1/networks/" + net, "{\"name\": \"" + "n".repeat(256) + "\"}", "name");
    }

    @Test
    void aNumberForANameIsA400() {
        refused("POST", "/v1/security-groups", "{\"name\": 12345}", "name");
        refused("POST", "/v1/networks", "{\"name\": \"n\", \"admin_state_up\": \"true\"}", "admin_state_up");
        refused("POST", "/v1/networks", "{\"name\": \"n\", \"mtu\": \"1500\"}", "mtu");
        refused("POST", "/v1/networks", "{\"name\": \"n\", \"mtu\": 1500.5}", "mtu");
    }

    @Test
    void aBodyOverTheLimitIsA413Problem() throws Exception {
        // announced, not sent: the service answers from the Content-Length, before reading the body
        try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /v1/networks HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + (11 * 1024 * 1024) + "\r\n\r\n{")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            org.junit.jupiter.api.Assertions.assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            org.junit.jupiter.api.Assertions.assertTrue(answer.contains("application/problem+json"), answer);
            org.junit.jupiter.api.Assertions.assertTrue(answer.contains("\"status\":413"), answer);
        }
    }

    @Test
    void aProjectIsReleasedOnlyWhenItHoldsNothing() {
        String project = "release-me";
        String service = TestTokens.service();
        String member = TestTokens.member(project);
        as(member).get("/v1/security-groups").then().statusCode(200); // creates the project's default group
        String net = as(member).contentType(ContentType.JSON).body(Map.of("name", "held")).post("/v1/networks")
                .then().statusCode(201).extract().path("id");
        as(TestTokens.admin(project)).delete("/internal/projects/" + project).then().statusCode(403);
        as(service).get("/internal/projects/" + project + "/holdings").then().statusCode(200)
                .body("networks", equalTo(1)).body("security_groups", equalTo(null));
        as(service).delete("/internal/projects/" + project).then().statusCode(409)
                .body("holdings.networks", equalTo(1));
        as(member).delete("/v1/networks/" + net).then().statusCode(204);
        as(service).get("/internal/projects/" + project + "/holdings").then().statusCode(200).body("size()",
                equalTo(0));
        as(service).delete("/internal/projects/" + project).then().statusCode(204);
        as(service).delete("/internal/projects/" + project).then().statusCode(204);
    }

    private static io.restassured.response.ValidatableResponse refused(String method, String path, String body,
            String field) {
        return given().contentType(ContentType.JSON).body(body).request(method, path).then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo(field));
    }

    private static int count(String path, String collection) {
        return given().get(path + "?limit=1000").then().statusCode(200).extract().path(collection + ".size()");
    }
}
