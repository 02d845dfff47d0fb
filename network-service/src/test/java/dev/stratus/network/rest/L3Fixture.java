package dev.stratus.network.rest;

import dev.stratus.devinfra.TestTokens;
import io.restassured.http.ContentType;

import java.util.Map;

import static dev.stratus.network.rest.Tokens.as;

/** What router and floating IP tests start from: an administrator's external network, a project's tenant subnet. */
final class L3Fixture {
    static final String ADMIN = TestTokens.admin("admin");

    private L3Fixture() {
    }

    /** An external network (router:external) with one subnet of {@code cidr} (gateway its first address). */
    static String externalNetwork(String name, String cidr) {
        String net = as(ADMIN).contentType(ContentType.JSON).body(Map.of("name", name, "router:external", true))
                .post("/v1/networks").then().statusCode(201).extract().path("id");
        as(ADMIN).contentType(ContentType.JSON).body(Map.of("network_id", net, "cidr", cidr, "enable_dhcp", false))
                .post("/v1/subnets").then().statusCode(201);
        return net;
    }

    /** A network of {@code token}'s project with one subnet; returns {network id, subnet id}. */
    static String[] tenantSubnet(String token, String name, String cidr) {
        String net = created(token, "/v1/networks", Map.of("name", name));
        String subnet = created(token, "/v1/subnets", Map.of("network_id", net, "cidr", cidr));
        return new String[] {net, subnet};
    }

    static String created(String token, String path, Map<String, Object> body) {
        return as(token).contentType(ContentType.JSON).body(body).post(path).then().statusCode(201).extract()
                .path("id");
    }

    /** A router of {@code token}'s project with its gateway on {@code external} (null: none). */
    static String router(String token, String name, String external) {
        return created(token, "/v1/routers", external == null ? Map.of("name", name)
                : Map.of("name", name, "external_gateway_info", Map.of("network_id", external)));
    }

    static io.restassured.response.ValidatableResponse addInterface(String token, String router,
            Map<String, Object> body) {
        return as(token).contentType(ContentType.JSON).body(body).post("/v1/routers/" + router
                + "/actions/add-interface").then();
    }

    static io.restassured.response.ValidatableResponse removeInterface(String token, String router,
            Map<String, Object> body) {
        return as(token).contentType(ContentType.JSON).body(body).post("/v1/routers/" + router
                + "/actions/remove-interface").then();
    }
}
