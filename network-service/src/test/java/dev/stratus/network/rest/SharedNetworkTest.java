package dev.stratus.network.rest;

import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.devinfra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.stratus.network.rest.Tokens.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Only administrators share; every project sees a shared network and plugs ports into it, only its owner changes it. */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ApiServiceDouble.class, restrictToAnnotatedClass = false)
class SharedNetworkTest {
    static final String ADMIN = TestTokens.admin("shared-admin");
    static final String MEMBER = TestTokens.member("shared-user");
    static final String OWNER_MEMBER = TestTokens.member("shared-admin");

    @Test
    void onlyAdministratorsShare() {
        as(MEMBER).contentType(ContentType.JSON).body(Map.of("name", "mine", "shared", true)).post("/v1/networks")
                .then().statusCode(403).contentType("application/problem+json").body("field", equalTo("shared"));
        String net = as(MEMBER).contentType(ContentType.JSON).body(Map.of("name", "mine")).post("/v1/networks")
                .then().statusCode(201).body("shared", equalTo(false)).extract().path("id");
        as(MEMBER).contentType(ContentType.JSON).body(Map.of("shared", true)).put("/v1/networks/" + net)
                .then().statusCode(403).body("field", equalTo("shared"));
        as(MEMBER).contentType(ContentType.JSON).body(Map.of("shared", false, "name", "renamed"))
                .put("/v1/networks/" + net).then().statusCode(200).body("name", equalTo("renamed"));
        as(ADMIN).get("/v1/networks/" + net).then().statusCode(404); // admins act in their token's project
    }

    @Test
    void otherProjectsUseASharedNetworkButCannotChangeIt() {
        String net = as(ADMIN).contentType(ContentType.JSON).body(Map.of("name", "public", "shared", true))
                .post("/v1/networks").then().statusCode(201).body("shared", equalTo(true)).extract().path("id");
        String subnet = as(ADMIN).contentType(ContentType.JSON).body(Map.of("network_id", net, "cidr", "10.50.0.0/24"))
                .post("/v1/subnets").then().statusCode(201).extract().path("id");

        as(MEMBER).get("/v1/networks").then().body("networks.id", hasItem(net));
        as(MEMBER).get("/v1/networks/" + net).then().statusCode(200);
        as(MEMBER).get("/v1/subnets/" + subnet).then().statusCode(200);
        String port = as(MEMBER).contentType(ContentType.JSON).body(Map.of("network_id", net)).post("/v1/ports")
                .then().statusCode(201).body("project_id", equalTo("shared-user"))
                .body("fixed_ips[0].subnet_id", equalTo(subnet)).extract().path("id");
        as(ADMIN).get("/v1/ports/" + port).then().statusCode(404); // the port is the user's project's

        as(MEMBER).contentType(ContentType.JSON).body(Map.of("name", "hijacked")).put("/v1/networks/" + net)
                .then().statusCode(403).contentType("application/problem+json");
        as(MEMBER).delete("/v1/networks/" + net).then().statusCode(403);
        as(MEMBER).contentType(ContentType.JSON).body(Map.of("network_id", net, "cidr", "10.51.0.0/24"))
                .post("/v1/subnets").then().statusCode(403);
        as(MEMBER).delete("/v1/subnets/" + subnet).then().statusCode(403);
        as(MEMBER).contentType(ContentType.JSON).body(Map.of("network_id", net, "mac_address", "fa:16:3e:00:00:01"))
                .post("/v1/ports").then().statusCode(403).body("field", equalTo("mac_address"));
        as(MEMBER).contentType(ContentType.JSON).body(Map.of("network_id", net, "fixed_ips",
                List.of(Map.of("subnet_id", subnet, "ip_address", "10.50.0.2")))).post("/v1/ports")
                .then().statusCode(403).body("field", equalTo("fixed_ips"));
        as(MEMBER).get("/v1/networks/" + net).then().body("name", equalTo("public"));

        // the owner project's members change it, but only administrators unshare it, and not under other's ports
        as(OWNER_MEMBER).contentType(ContentType.JSON).body(Map.of("name", "public-1")).put("/v1/networks/" + net)
                .then().statusCode(200).body("name", equalTo("public-1"));
        as(OWNER_MEMBER).contentType(ContentType.JSON).body(Map.of("shared", false)).put("/v1/networks/" + net)
                .then().statusCode(403);
        as(ADMIN).contentType(ContentType.JSON).body(Map.of("shared", false)).put("/v1/networks/" + net)
                .then().statusCode(409);
        as(MEMBER).delete("/v1/ports/" + port).then().statusCode(204);
        as(ADMIN).contentType(ContentType.JSON).body(Map.of("shared", false)).put("/v1/networks/" + net)
                .then().statusCode(200).body("shared", equalTo(false));
        as(MEMBER).get("/v1/networks/" + net).then().statusCode(404);
    }
}
