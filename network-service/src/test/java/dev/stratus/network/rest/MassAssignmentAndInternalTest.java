package dev.stratus.network.rest;

import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.devinfra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static dev.stratus.network.rest.Tokens.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Clients cannot set what the service decides (project, status, DHCP ownership): a 400 names the field. The internal
 * routes answer only Stratus services.
 */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ApiServiceDouble.class, restrictToAnnotatedClass = false)
class MassAssignmentAndInternalTest {
    static final String PROJECT = "mass-test";

    @BeforeEach
    void authenticate() {
        Tokens.use(TestTokens.member(PROJECT));
    }

    @org.junit.jupiter.api.AfterEach
    void forgetToken() {
        Tokens.forget();
    }

    @Test
    void serviceDecidedFieldsAre400NamingTheField() {
        rejected("/v1/networks", Map.of("name", "n", "project_id", "someone-else"), "project_id");
        rejected("/v1/networks", Map.of("name", "n", "status", "DOWN"), "status");
        String net = PortIpamTest.network("mass");
        rejected("/v1/ports", Map.of("network_id", net, "project_id", "someone-else"), "project_id");
        rejected("/v1/ports", Map.of("network_id", net, "status", "ACTIVE"), "status");
        rejected("/v1/ports", Map.of("network_id", net, "binding_host", "h1"), "binding_host");
        rejected("/v1/ports", Map.of("network_id", net, "device_owner", "network:dhcp"), "device_owner");
        rejected("/v1/security-groups", Map.of("name", "g", "project_id", "someone-else"), "project_id");
        String port = PortIpamTest.port(net);
        given().contentType(ContentType.JSON).body(Map.of("status", "ACTIVE")).put("/v1/ports/" + port)
                .then().statusCode(400).body("field", equalTo("status"));
        given().contentType(ContentType.JSON).body(Map.of("device_owner", "network:dhcp")).put("/v1/ports/" + port)
                .then().statusCode(400).body("field", equalTo("device_owner"));
        given().contentType(ContentType.JSON).body(Map.of("project_id", "x")).put("/v1/networks/" + net)
                .then().statusCode(400).body("field", equalTo("project_id"));
        given().get("/v1/ports/" + port).then().body("status", equalTo("DOWN")).body("project_id", equalTo(PROJECT));
        given().get("/v1/networks/" + net).then().body("project_id", equalTo(PROJECT));
    }

    @Test
    void internalRoutesAreForServicesOnly() {
        String net = PortIpamTest.network("internal");
        PortIpamTest.subnet(net, "10.60.0.0/24");
        String port = PortIpamTest.port(net);
        String service = TestTokens.service();
        for (String token : new String[] {TestTokens.member(PROJECT), TestTokens.admin(PROJECT)}) {
            as(token).get("/internal/v1/ports/" + port + "/binding").then().statusCode(403)
                    .contentType("application/problem+json");
            as(token).get("/internal/v1/ports/" + port + "/firewall").then().statusCode(403);
            as(token).contentType(ContentType.JSON).body(Map.of("status", "ACTIVE"))
                    .put("/internal/v1/ports/" + port + "/status").then().statusCode(403);
            as(token).get("/internal/usage?project=" + PROJECT).then().statusCode(403);
        }
        as(service).get("/internal/v1/ports/" + port + "/binding").then().statusCode(200)
                .body("ip_address", equalTo("10.60.0.3"));
        as(service).contentType(ContentType.JSON).body(Map.of("status", "ACTIVE"))
                .put("/internal/v1/ports/" + port + "/status").then().statusCode(200).body("status", equalTo("ACTIVE"));
        as(service).contentType(ContentType.JSON).body(Map.of("status", "PLUGGED"))
                .put("/internal/v1/ports/" + port + "/status").then().statusCode(400).body("field", equalTo("status"));
        given().get("/v1/ports/" + port).then().body("status", equalTo("ACTIVE"));
        as(service).get("/internal/v1/ports/" + UUID.randomUUID() + "/binding").then().statusCode(404);
        // a service token is no member of any tenant project: on public routes it sees its own (empty) project
        as(service).get("/v1/ports/" + port).then().statusCode(404);
        as(service).contentType(ContentType.JSON).body(Map.of("name", "svc")).post("/v1/networks")
                .then().statusCode(403);
    }

    @Test
    void releasingADeviceDeletesComputePortsAndUnbindsTheUsers() {
        String net = PortIpamTest.network("release");
        String device = UUID.randomUUID().toString();
        String compute = given().contentType(ContentType.JSON).body(Map.of("network_id", net, "device_id", device,
                "device_owner", "compute:stratus")).post("/v1/ports").then().statusCode(201).extract().path("id");
        String users = given().contentType(ContentType.JSON).body(Map.of("network_id", net, "device_id", device,
                "device_owner", "compute:user")).post("/v1/ports").then().statusCode(201).extract().path("id");
        as(TestTokens.member(PROJECT)).delete("/internal/v1/devices/" + device + "/ports").then().statusCode(403);
        as(TestTokens.service()).delete("/internal/v1/devices/" + device + "/ports").then().statusCode(204);
        given().get("/v1/ports/" + compute).then().statusCode(404);
        given().get("/v1/ports/" + users).then().statusCode(200).body("device_id", equalTo(""));
    }

    private static void rejected(String path, Map<String, Object> body, String field) {
        given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo(field));
    }
}
