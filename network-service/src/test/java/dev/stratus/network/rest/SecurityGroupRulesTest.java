package dev.stratus.network.rest;

import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.devinfra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;

/** What a new group allows, and how a port's firewall view resolves rules for the agent. */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
class SecurityGroupRulesTest {
    private static final String PROJECT = "project-sg-rules";

    @Test
    void aNewGroupSendsAnywhereButReceivesNothing() {
        String group = as().contentType(ContentType.JSON).body(Map.of("name", "web")).post("/v1/security-groups")
                .then().statusCode(201).extract().path("id");
        as().get("/v1/security-group-rules?security_group_id=" + group).then().statusCode(200)
                .body("security_group_rules.findAll { it.security_group_id == '" + group + "' }", hasSize(2))
                .body("security_group_rules.findAll { it.security_group_id == '" + group + "' }.direction",
                        containsInAnyOrder("egress", "egress"))
                .body("security_group_rules.findAll { it.security_group_id == '" + group + "' }.ethertype",
                        containsInAnyOrder("IPv4", "IPv6"));
    }

    @Test
    void aPortsFirewallResolvesItsGroupsMembersAsSources() {
        String group = as().contentType(ContentType.JSON).body(Map.of("name", "peers")).post("/v1/security-groups")
                .then().statusCode(201).extract().path("id");
        as().contentType(ContentType.JSON).body(Map.of("security_group_id", group, "direction", "ingress",
                "remote_group_id", group)).post("/v1/security-group-rules").then().statusCode(201);
        String network = as().contentType(ContentType.JSON).body(Map.of("name", "fw")).post("/v1/networks")
                .then().statusCode(201).extract().path("id");
        as().contentType(ContentType.JSON).body(Map.of("network_id", network, "cidr", "10.31.0.0/24"))
                .post("/v1/subnets").then().statusCode(201);
        String a = port(network, group);
        String b = port(network, group);
        String ipA = as().get("/v1/ports/" + a).then().extract().path("fixed_ips[0].ip_address");
        String ipB = as().get("/v1/ports/" + b).then().extract().path("fixed_ips[0].ip_address");
        service().get("/internal/v1/ports/" + a + "/firewall").then().statusCode(200)
                .body("ip_addresses", org.hamcrest.Matchers.contains(ipA))
                .body("rules.findAll { it.direction == 'ingress' && it.ethertype == 'IPv4' }.remote_ip_prefixes.flatten()",
                        containsInAnyOrder(ipA + "/32", ipB + "/32"))
                .body("rules.findAll { it.direction == 'egress' && it.ethertype == 'IPv4' }", hasSize(1));
        String lonely = as().contentType(ContentType.JSON).body(Map.of("name", "lonely"))
                .post("/v1/security-groups").then().statusCode(201).extract().path("id");
        String c = port(network, lonely);
        service().get("/internal/v1/ports/" + c + "/firewall").then().statusCode(200)
                .body("rules.findAll { it.direction == 'ingress' }", empty());
    }

    private static String port(String network, String group) {
        return as().contentType(ContentType.JSON).body(Map.of("network_id", network, "security_groups", List.of(group)))
                .post("/v1/ports").then().statusCode(201).extract().path("id");
    }

    /** Agents read firewalls on the internal route, with a service token. */
    private static RequestSpecification service() {
        return given().header("Authorization", "Bearer " + TestTokens.service());
    }

    private static RequestSpecification as() {
        return given().header("Authorization", "Bearer " + TestTokens.member(PROJECT));
    }
}
