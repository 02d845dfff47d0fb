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
import static org.hamcrest.Matchers.equalTo;

/**
 * What api-service's {@code POST /v1/servers} relies on to resolve {@code security_groups} with the caller's token
 * and to give them to the ports it makes: the name filter finds exactly the project's groups of that name (two when
 * two share it), another project's group is a 404 by id and absent by name, and a port made with an empty
 * {@code security_groups} is in no group, so its firewall has no rule.
 */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
class ServerGroupLookupTest {
    private static final String PROJECT = "project-server-groups";
    private static final String OTHER = "project-server-groups-other";

    @Test
    void theNameFilterFindsOnlyTheProjectsGroupsOfThatName() {
        String web = group(PROJECT, "lookup-web");
        String dup1 = group(PROJECT, "lookup-dup");
        String dup2 = group(PROJECT, "lookup-dup");
        String foreign = group(OTHER, "lookup-web");
        as(PROJECT).get("/v1/security-groups?name=lookup-web").then().statusCode(200)
                .body("security_groups.id", equalTo(List.of(web)));
        as(PROJECT).get("/v1/security-groups?name=lookup-dup").then().statusCode(200)
                .body("security_groups.id", containsInAnyOrder(dup1, dup2));
        as(PROJECT).get("/v1/security-groups?name=lookup-none").then().statusCode(200)
                .body("security_groups", empty());
        as(PROJECT).get("/v1/security-groups/" + foreign).then().statusCode(404);
        as(PROJECT).get("/v1/security-groups/" + web).then().statusCode(200).body("name", equalTo("lookup-web"));
    }

    @Test
    void aPortMadeWithNoGroupHasAFirewallWithoutRules() {
        String network = network(PROJECT, "10.32.0.0/24");
        String port = as(PROJECT).contentType(ContentType.JSON).body(Map.of("network_id", network,
                "security_groups", List.of())).post("/v1/ports").then().statusCode(201)
                .body("security_groups", empty()).extract().path("id");
        given().header("Authorization", "Bearer " + TestTokens.service())
                .get("/internal/v1/ports/" + port + "/firewall").then().statusCode(200).body("rules", empty());
        String web = group(PROJECT, "lookup-fw");
        String grouped = as(PROJECT).contentType(ContentType.JSON).body(Map.of("network_id", network,
                "security_groups", List.of(web))).post("/v1/ports").then().statusCode(201)
                .body("security_groups", equalTo(List.of(web))).extract().path("id");
        given().header("Authorization", "Bearer " + TestTokens.service())
                .get("/internal/v1/ports/" + grouped + "/firewall").then().statusCode(200)
                .body("rules.direction", equalTo(List.of("egress", "egress")));
    }

    @Test
    void aPortWithAnotherProjectsGroupIsRefusedAndNotMade() {
        String network = network(PROJECT, "10.33.0.0/24");
        String foreign = group(OTHER, "lookup-foreign");
        int before = ports(network);
        as(PROJECT).contentType(ContentType.JSON).body(Map.of("network_id", network, "security_groups",
                List.of(foreign))).post("/v1/ports").then().statusCode(400).body("field", equalTo("security_groups"));
        assertPorts(network, before);
    }

    private static void assertPorts(String network, int expected) {
        org.junit.jupiter.api.Assertions.assertEquals(expected, ports(network), "no port was made");
    }

    private static int ports(String network) {
        return as(PROJECT).get("/v1/ports?network_id=" + network).then().statusCode(200).extract()
                .<List<Object>>path("ports").size();
    }

    private static String group(String project, String name) {
        return as(project).contentType(ContentType.JSON).body(Map.of("name", name)).post("/v1/security-groups")
                .then().statusCode(201).extract().path("id");
    }

    private static String network(String project, String cidr) {
        String network = as(project).contentType(ContentType.JSON).body(Map.of("name", "server-groups"))
                .post("/v1/networks").then().statusCode(201).extract().path("id");
        as(project).contentType(ContentType.JSON).body(Map.of("network_id", network, "cidr", cidr))
                .post("/v1/subnets").then().statusCode(201);
        return network;
    }

    private static RequestSpecification as(String project) {
        return given().header("Authorization", "Bearer " + TestTokens.member(project));
    }
}
