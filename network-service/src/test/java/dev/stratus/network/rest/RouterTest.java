package dev.stratus.network.rest;

import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.devinfra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

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
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Routers: external networks (administrators only, visible to all, no server ports), gateways from the external
 * subnet's IPAM, interfaces taking their subnet's gateway address, and every refusal (404 of another project, 409
 * for what is still in use, 400 for what cannot be joined).
 */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ApiServiceDouble.class, restrictToAnnotatedClass = false)
class RouterTest {
    static final String MEMBER = TestTokens.member("routers-a");
    static final String OTHER = TestTokens.member("routers-b");
    static final String READER = TestTokens.reader("routers-a");

    @Test
    void onlyAdministratorsMakeExternalNetworksWhichEveryoneSeesButNoServerPortGoesOn() {
        as(MEMBER).contentType(ContentType.JSON).body(Map.of("name", "mine", "router:external", true))
                .post("/v1/networks").then().statusCode(403).body("field", equalTo("router:external"));
        String ext = externalNetwork("public-visible", "172.30.1.0/24");
        as(MEMBER).get("/v1/networks/" + ext).then().statusCode(200).body("'router:external'", equalTo(true));
        as(MEMBER).get("/v1/networks?router:external=true").then().statusCode(200)
                .body("networks.id", hasItem(ext));
        as(MEMBER).get("/v1/subnets?network_id=" + ext).then().statusCode(200).body("subnets", hasSize(1));
        as(MEMBER).contentType(ContentType.JSON).body(Map.of("network_id", ext)).post("/v1/ports").then()
                .statusCode(400).body("field", equalTo("network_id")).body("detail", containsString("external"));
        as(L3Fixture.ADMIN).contentType(ContentType.JSON).body(Map.of("network_id", ext)).post("/v1/ports").then()
                .statusCode(400).body("field", equalTo("network_id"));
    }

    @Test
    void aGatewayTakesAnAddressOfTheExternalSubnetAndGoesWithTheRouter() {
        String ext = externalNetwork("public-gw", "172.30.2.0/24");
        String router = router(MEMBER, "r1", ext);
        as(MEMBER).get("/v1/routers/" + router).then().statusCode(200).body("status", equalTo("ACTIVE"))
                .body("external_gateway_info.network_id", equalTo(ext))
                .body("external_gateway_info.external_fixed_ips[0].ip_address", equalTo("172.30.2.2"));
        as(MEMBER).contentType(ContentType.JSON).body(Map.of("external_gateway_info", Map.of()))
                .put("/v1/routers/" + router).then().statusCode(200).body("external_gateway_info", nullValue());
        as(MEMBER).contentType(ContentType.JSON).body(Map.of("name", "r1b", "external_gateway_info",
                Map.of("network_id", ext))).put("/v1/routers/" + router).then().statusCode(200)
                .body("name", equalTo("r1b")).body("external_gateway_info.external_fixed_ips[0].ip_address",
                        equalTo("172.30.2.2"));
        String tenant = tenantSubnet(MEMBER, "not-external", "10.60.0.0/24")[0];
        as(MEMBER).contentType(ContentType.JSON).body(Map.of("external_gateway_info", Map.of("network_id", tenant)))
                .post("/v1/routers").then().statusCode(400).body("field",
                        equalTo("external_gateway_info.network_id"));
        as(L3Fixture.ADMIN).delete("/v1/networks/" + ext).then().statusCode(409).body("detail",
                containsString(router));
        as(MEMBER).delete("/v1/routers/" + router).then().statusCode(204);
        as(MEMBER).get("/v1/routers/" + router).then().statusCode(404);
        as(L3Fixture.ADMIN).delete("/v1/networks/" + ext).then().statusCode(204);
    }

    @Test
    void anInterfaceTakesTheSubnetsGatewayAndHoldsTheSubnetUntilRemoved() {
        String ext = externalNetwork("public-if", "172.30.3.0/24");
        String[] a = tenantSubnet(MEMBER, "if-a", "10.61.0.0/24");
        String router = router(MEMBER, "r2", ext);
        addInterface(MEMBER, router, Map.of("subnet_id", a[1])).statusCode(200).body("id", equalTo(router))
                .body("subnet_id", equalTo(a[1])).body("network_id", equalTo(a[0])).body("port_id", notNullValue());
        as(MEMBER).get("/v1/ports?network_id=" + a[0] + "&device_owner=network:router_interface").then()
                .body("ports", hasSize(1)).body("ports[0].device_id", equalTo(router))
                .body("ports[0].fixed_ips[0].ip_address", equalTo("10.61.0.1"));
        String port = as(MEMBER).get("/v1/ports?network_id=" + a[0] + "&device_owner=network:router_interface")
                .then().extract().path("ports[0].id");

        addInterface(MEMBER, router, Map.of("subnet_id", a[1])).statusCode(409);
        String other = router(MEMBER, "r3", null);
        addInterface(MEMBER, other, Map.of("subnet_id", a[1])).statusCode(409)
                .body("detail", containsString("10.61.0.1"));
        String[] overlapping = tenantSubnet(MEMBER, "if-overlap", "10.61.0.0/16");
        addInterface(MEMBER, router, Map.of("subnet_id", overlapping[1])).statusCode(400)
                .body("field", equalTo("subnet_id")).body("detail", containsString("overlaps"));
        String extSubnet = as(MEMBER).get("/v1/subnets?network_id=" + ext).then().extract().path("subnets[0].id");
        addInterface(MEMBER, other, Map.of("subnet_id", extSubnet)).statusCode(403);
        addInterface(MEMBER, router, Map.of()).statusCode(400);
        addInterface(MEMBER, router, Map.of("subnet_id", a[1], "port_id", port)).statusCode(400);

        as(MEMBER).delete("/v1/subnets/" + a[1]).then().statusCode(409).body("detail", containsString(router));
        as(MEMBER).delete("/v1/networks/" + a[0]).then().statusCode(409).body("detail", containsString(router));
        as(MEMBER).delete("/v1/ports/" + port).then().statusCode(409).body("detail",
                containsString("remove-interface"));
        as(MEMBER).contentType(ContentType.JSON).body(Map.of("name", "x")).put("/v1/ports/" + port).then()
                .statusCode(409);
        as(MEMBER).delete("/v1/routers/" + router).then().statusCode(409).body("detail", containsString(a[1]));

        removeInterface(MEMBER, router, Map.of("subnet_id", overlapping[1])).statusCode(404)
                .body("field", equalTo("subnet_id"));
        removeInterface(MEMBER, router, Map.of("subnet_id", a[1])).statusCode(200).body("port_id", equalTo(port));
        as(MEMBER).get("/v1/ports/" + port).then().statusCode(404);
        as(MEMBER).delete("/v1/routers/" + router).then().statusCode(204);
        as(MEMBER).delete("/v1/subnets/" + a[1]).then().statusCode(204);
    }

    @Test
    void anUnboundPortOfTheProjectCanBeTheInterface() {
        String[] a = tenantSubnet(MEMBER, "by-port", "10.62.0.0/24");
        String router = router(MEMBER, "r4", null);
        String port = created(MEMBER, "/v1/ports", Map.of("network_id", a[0]));
        String bound = created(MEMBER, "/v1/ports", Map.of("network_id", a[0], "device_id", "some-server"));
        addInterface(MEMBER, router, Map.of("port_id", bound)).statusCode(409);
        String foreign = created(OTHER, "/v1/ports", Map.of("network_id",
                tenantSubnet(OTHER, "b-net", "10.63.0.0/24")[0]));
        addInterface(MEMBER, router, Map.of("port_id", foreign)).statusCode(404);
        addInterface(MEMBER, router, Map.of("port_id", port)).statusCode(200).body("port_id", equalTo(port))
                .body("subnet_id", equalTo(a[1]));
        as(MEMBER).get("/v1/ports/" + port).then().body("device_owner", equalTo("network:router_interface"))
                .body("device_id", equalTo(router)).body("security_groups", hasSize(0));
        removeInterface(MEMBER, router, Map.of("port_id", port)).statusCode(200);
        as(MEMBER).get("/v1/ports/" + port).then().statusCode(404);
    }

    @Test
    void anotherProjectsRouterIs404AndReadersCannotWrite() {
        String router = router(MEMBER, "private", null);
        String[] b = tenantSubnet(OTHER, "b-own", "10.64.0.0/24");
        as(OTHER).get("/v1/routers/" + router).then().statusCode(404);
        as(OTHER).contentType(ContentType.JSON).body(Map.of("name", "stolen")).put("/v1/routers/" + router).then()
                .statusCode(404);
        as(OTHER).delete("/v1/routers/" + router).then().statusCode(404);
        addInterface(OTHER, router, Map.of("subnet_id", b[1])).statusCode(404);
        removeInterface(OTHER, router, Map.of("subnet_id", b[1])).statusCode(404);
        as(OTHER).get("/v1/routers").then().statusCode(200).body("routers.id", org.hamcrest.Matchers.not(
                hasItem(router)));
        String[] a = tenantSubnet(MEMBER, "a-own", "10.65.0.0/24");
        String otherRouter = router(OTHER, "theirs", null);
        addInterface(OTHER, otherRouter, Map.of("subnet_id", a[1])).statusCode(404); // A's subnet: not B's to see
        as(READER).contentType(ContentType.JSON).body(Map.of("name", "r")).post("/v1/routers").then()
                .statusCode(403);
        addInterface(READER, router, Map.of("subnet_id", a[1])).statusCode(403);
        as(READER).delete("/v1/routers/" + router).then().statusCode(403);
        as(MEMBER).get("/v1/routers/" + router).then().statusCode(200).body("name", equalTo("private"));
        as(MEMBER).get("/v1/routers/" + UUID.randomUUID()).then().statusCode(404);
        as(MEMBER).get("/v1/routers/not-a-uuid").then().statusCode(404);
    }

    @Test
    void routerListsPageAndFilterAndCreatesAreIdempotent() {
        String token = TestTokens.member("routers-list");
        for (String name : new String[] {"l1", "l2", "l3"}) {
            router(token, name, null);
        }
        String next = as(token).get("/v1/routers?limit=2&sort_key=name").then().statusCode(200)
                .body("routers.name", org.hamcrest.Matchers.contains("l1", "l2")).extract().path("next");
        org.junit.jupiter.api.Assertions.assertNotNull(next);
        as(token).get("/v1/routers?name=l3").then().body("routers", hasSize(1));
        as(token).get("/v1/routers?color=blue").then().statusCode(400).body("field", equalTo("color"));
        String first = as(token).header("Idempotency-Key", "router-1").contentType(ContentType.JSON)
                .body(Map.of("name", "idem")).post("/v1/routers").then().statusCode(201).extract().path("id");
        as(token).header("Idempotency-Key", "router-1").contentType(ContentType.JSON).body(Map.of("name", "idem"))
                .post("/v1/routers").then().statusCode(201).body("id", equalTo(first));
        as(token).header("Idempotency-Key", "router-1").contentType(ContentType.JSON).body(Map.of("name", "other"))
                .post("/v1/routers").then().statusCode(409).body("field", equalTo("Idempotency-Key"));
        as(token).get("/v1/routers?name=idem").then().body("routers", hasSize(1));
        as(token).contentType(ContentType.JSON).body(Map.of("name", "x", "color", "blue")).post("/v1/routers")
                .then().statusCode(400).body("field", equalTo("color"));
    }
}
