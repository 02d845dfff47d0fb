package dev.stratus.network.rest;

import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.devinfra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.stratus.network.rest.L3Fixture.addInterface;
import static dev.stratus.network.rest.L3Fixture.created;
import static dev.stratus.network.rest.L3Fixture.externalNetwork;
import static dev.stratus.network.rest.L3Fixture.removeInterface;
import static dev.stratus.network.rest.L3Fixture.router;
import static dev.stratus.network.rest.L3Fixture.tenantSubnet;
import static dev.stratus.network.rest.Tokens.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * Floating IPs: allocated from an external subnet, associated only through a router that joins the port's subnet to
 * that network, following the port (a deleted port leaves them disassociated and kept), within the floating_ips
 * quota, scoped by project, and stated to the agents (internal L3 route) exactly as associated.
 */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ApiServiceDouble.class, restrictToAnnotatedClass = false)
class FloatingIpTest {
    static final String MEMBER = TestTokens.member("fips-a");
    static final String OTHER = TestTokens.member("fips-b");
    static final String SERVICE = TestTokens.service();

    @Test
    void associatedThroughARouterDnatStateFollowsThePort() {
        String ext = externalNetwork("public-fip", "172.31.1.0/24");
        String[] a = tenantSubnet(MEMBER, "fip-a", "10.70.1.0/24");
        String port = created(MEMBER, "/v1/ports", Map.of("network_id", a[0], "device_owner", "compute:stratus",
                "device_id", "server-1"));
        String fixed = as(MEMBER).get("/v1/ports/" + port).then().extract().path("fixed_ips[0].ip_address");
        String fip = created(MEMBER, "/v1/floating-ips", Map.of("floating_network_id", ext));
        as(MEMBER).get("/v1/floating-ips/" + fip).then().statusCode(200).body("floating_ip_address",
                equalTo("172.31.1.2")).body("status", equalTo("DOWN")).body("port_id", nullValue());

        associate(fip, port).statusCode(400).body("field", equalTo("port_id"))
                .body("detail", containsString("no router joins subnet " + a[1]));
        String router = router(MEMBER, "fip-router", null);
        addInterface(MEMBER, router, Map.of("subnet_id", a[1])).statusCode(200);
        associate(fip, port).statusCode(400).body("detail", containsString(ext)); // no gateway on that network yet
        as(MEMBER).contentType(ContentType.JSON).body(Map.of("external_gateway_info", Map.of("network_id", ext)))
                .put("/v1/routers/" + router).then().statusCode(200);
        associate(fip, port).statusCode(200).body("port_id", equalTo(port)).body("fixed_ip_address", equalTo(fixed))
                .body("router_id", equalTo(router)).body("status", equalTo("ACTIVE"));

        as(SERVICE).get("/internal/v1/l3").then().statusCode(200)
                .body("external_networks.find { it.network_id == '" + ext + "' }.gateway_ip", equalTo("172.31.1.1"))
                .body("routers.find { it.router_id == '" + router + "' }.gateway.ip_address", equalTo("172.31.1.3"))
                .body("routers.find { it.router_id == '" + router + "' }.gateway.next_hop", equalTo("172.31.1.1"))
                .body("routers.find { it.router_id == '" + router + "' }.interfaces[0].ip_address",
                        equalTo("10.70.1.1"))
                .body("routers.find { it.router_id == '" + router + "' }.floating_ips[0].fixed_ip_address",
                        equalTo(fixed));

        String second = created(MEMBER, "/v1/floating-ips", Map.of("floating_network_id", ext));
        associate(second, port).statusCode(409).body("detail", containsString("172.31.1.2"));
        removeInterface(MEMBER, router, Map.of("subnet_id", a[1])).statusCode(409);
        as(MEMBER).contentType(ContentType.JSON).body(Map.of("external_gateway_info", Map.of()))
                .put("/v1/routers/" + router).then().statusCode(409).body("detail", containsString("172.31.1.2"));

        as(MEMBER).contentType(ContentType.JSON).body(Map.of("description", "web")).put("/v1/floating-ips/" + fip)
                .then().statusCode(200).body("port_id", equalTo(port)).body("description", equalTo("web"));
        as(MEMBER).get("/v1/floating-ips?port_id=" + port).then().body("floating_ips.id", equalTo(List.of(fip)));

        // the server is gone (InstanceDeleted releases its compute-owned port): the floating IP stays, unassociated
        as(SERVICE).delete("/internal/v1/devices/server-1/ports").then().statusCode(204);
        as(MEMBER).get("/v1/floating-ips/" + fip).then().statusCode(200).body("port_id", nullValue())
                .body("fixed_ip_address", nullValue()).body("router_id", nullValue()).body("status", equalTo("DOWN"))
                .body("floating_ip_address", equalTo("172.31.1.2"));
        as(SERVICE).get("/internal/v1/l3").then()
                .body("routers.find { it.router_id == '" + router + "' }.floating_ips", hasSize(0));

        String userPort = created(MEMBER, "/v1/ports", Map.of("network_id", a[0]));
        associate(fip, userPort).statusCode(200);
        as(MEMBER).delete("/v1/ports/" + userPort).then().statusCode(204);
        as(MEMBER).get("/v1/floating-ips/" + fip).then().body("port_id", nullValue());

        String again = created(MEMBER, "/v1/ports", Map.of("network_id", a[0]));
        associate(fip, again).statusCode(200);
        Map<String, Object> none = new HashMap<>();
        none.put("port_id", null);
        as(MEMBER).contentType(ContentType.JSON).body(none).put("/v1/floating-ips/" + fip).then().statusCode(200)
                .body("port_id", nullValue()).body("status", equalTo("DOWN"));

        as(MEMBER).delete("/v1/floating-ips/" + fip).then().statusCode(204);
        as(MEMBER).delete("/v1/floating-ips/" + second).then().statusCode(204);
        as(MEMBER).get("/v1/floating-ips/" + fip).then().statusCode(404);
        String reused = created(MEMBER, "/v1/floating-ips", Map.of("floating_network_id", ext));
        as(MEMBER).get("/v1/floating-ips/" + reused).then().body("floating_ip_address", equalTo("172.31.1.2"));
    }

    @Test
    void refusals() {
        String ext = externalNetwork("public-refuse", "172.31.2.0/24");
        String[] tenant = tenantSubnet(MEMBER, "refuse-a", "10.70.2.0/24");
        as(MEMBER).contentType(ContentType.JSON).body(Map.of()).post("/v1/floating-ips").then().statusCode(400)
                .body("field", equalTo("floating_network_id"));
        as(MEMBER).contentType(ContentType.JSON).body(Map.of("floating_network_id", tenant[0]))
                .post("/v1/floating-ips").then().statusCode(400).body("field", equalTo("floating_network_id"))
                .body("detail", containsString("not external"));
        String fip = created(MEMBER, "/v1/floating-ips", Map.of("floating_network_id", ext));
        associate(fip, "not-a-uuid").statusCode(400).body("field", equalTo("port_id"));
        as(MEMBER).contentType(ContentType.JSON).body(Map.of("floating_ip_address", "172.31.2.9"))
                .put("/v1/floating-ips/" + fip).then().statusCode(400).body("field", equalTo("floating_ip_address"));
        String dhcp = as(MEMBER).get("/v1/ports?network_id=" + tenant[0] + "&device_owner=network:dhcp").then()
                .extract().path("ports[0].id");
        associate(fip, dhcp).statusCode(400).body("field", equalTo("port_id"));

        String foreignPort = created(OTHER, "/v1/ports", Map.of("network_id",
                tenantSubnet(OTHER, "refuse-b", "10.70.3.0/24")[0]));
        associate(fip, foreignPort).statusCode(404);
        as(OTHER).get("/v1/floating-ips/" + fip).then().statusCode(404);
        as(OTHER).contentType(ContentType.JSON).body(Map.of("port_id", foreignPort)).put("/v1/floating-ips/" + fip)
                .then().statusCode(404);
        as(OTHER).delete("/v1/floating-ips/" + fip).then().statusCode(404);
        as(OTHER).get("/v1/floating-ips").then().body("floating_ips.id", not(hasItem(fip)));
        as(TestTokens.reader("fips-a")).delete("/v1/floating-ips/" + fip).then().statusCode(403);
        as(MEMBER).get("/v1/floating-ips/" + fip).then().statusCode(200);
        as(L3Fixture.ADMIN).delete("/v1/networks/" + ext).then().statusCode(409).body("detail", containsString(fip));
    }

    @Test
    void floatingIpsCountAgainstTheirQuota() {
        String member = TestTokens.member("quota-fips");
        String ext = externalNetwork("public-quota", "172.31.3.0/24");
        for (int i = 0; i < ApiServiceDouble.LIMIT; i++) {
            created(member, "/v1/floating-ips", Map.of("floating_network_id", ext));
        }
        as(member).contentType(ContentType.JSON).body(Map.of("floating_network_id", ext)).post("/v1/floating-ips")
                .then().statusCode(409).contentType("application/problem+json").body("field", equalTo("floating_ips"));
        as(SERVICE).get("/internal/usage?project=quota-fips").then().body("floating_ips", equalTo(5))
                .body("ports", equalTo(0));
        String one = as(member).get("/v1/floating-ips").then().body("floating_ips", hasSize(5)).extract()
                .path("floating_ips[0].id");
        as(member).delete("/v1/floating-ips/" + one).then().statusCode(204);
        created(member, "/v1/floating-ips", Map.of("floating_network_id", ext));
    }

    @Test
    void anExhaustedExternalSubnetIsAConflict() {
        String ext = as(L3Fixture.ADMIN).contentType(ContentType.JSON).body(Map.of("name", "tiny-public",
                "router:external", true)).post("/v1/networks").then().statusCode(201).extract().path("id");
        as(L3Fixture.ADMIN).contentType(ContentType.JSON).body(Map.of("network_id", ext, "cidr", "172.31.4.0/29",
                "enable_dhcp", false, "allocation_pools", List.of(Map.of("start", "172.31.4.2", "end",
                        "172.31.4.2")))).post("/v1/subnets").then().statusCode(201);
        created(MEMBER, "/v1/floating-ips", Map.of("floating_network_id", ext));
        as(MEMBER).contentType(ContentType.JSON).body(Map.of("floating_network_id", ext)).post("/v1/floating-ips")
                .then().statusCode(409).body("detail", containsString("full"));
        as(SERVICE).get("/internal/usage?project=fips-a").then().statusCode(200);
    }

    @Test
    void anIdempotencyKeyAllocatesOneAddress() {
        String member = TestTokens.member("fips-idem");
        String ext = externalNetwork("public-idem", "172.31.5.0/24");
        Map<String, Object> body = Map.of("floating_network_id", ext);
        String first = as(member).header("Idempotency-Key", "fip-1").contentType(ContentType.JSON).body(body)
                .post("/v1/floating-ips").then().statusCode(201).extract().path("id");
        as(member).header("Idempotency-Key", "fip-1").contentType(ContentType.JSON).body(body)
                .post("/v1/floating-ips").then().statusCode(201).body("id", equalTo(first))
                .header("Idempotent-Replayed", "true");
        as(member).header("Idempotency-Key", "fip-1").contentType(ContentType.JSON)
                .body(Map.of("floating_network_id", ext, "description", "other")).post("/v1/floating-ips").then()
                .statusCode(409).body("field", equalTo("Idempotency-Key"));
        as(member).get("/v1/floating-ips").then().body("floating_ips", hasSize(1));
        as(SERVICE).get("/internal/usage?project=fips-idem").then().body("floating_ips", equalTo(1));
    }

    private static io.restassured.response.ValidatableResponse associate(String fip, String port) {
        return as(MEMBER).contentType(ContentType.JSON).body(Map.of("port_id", port)).put("/v1/floating-ips/" + fip)
                .then();
    }
}
