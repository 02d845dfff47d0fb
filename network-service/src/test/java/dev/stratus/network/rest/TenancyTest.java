package dev.stratus.network.rest;

import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.devinfra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.stratus.network.rest.Tokens.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Every resource is scoped by the token's project: another project's is a 404, readers cannot write, bad tokens 401. */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ApiServiceDouble.class, restrictToAnnotatedClass = false)
class TenancyTest {
    static final String A = "tenancy-a";
    static final String B = "tenancy-b";
    static final String MEMBER_A = TestTokens.member(A);
    static final String MEMBER_B = TestTokens.member(B);
    static final String READER_A = TestTokens.reader(A);

    @BeforeEach
    void authenticate() {
        Tokens.use(MEMBER_A);
    }

    @org.junit.jupiter.api.AfterEach
    void forgetToken() {
        Tokens.forget();
    }

    @Test
    void anotherProjectsResourcesAre404AndInvisible() {
        String net = PortIpamTest.network("a-net");
        String subnet = PortIpamTest.subnet(net, "10.40.0.0/24");
        String port = PortIpamTest.port(net);
        String group = created("/v1/security-groups", Map.of("name", "a-web"));
        String rule = created("/v1/security-group-rules", Map.of("security_group_id", group, "direction", "ingress"));
        Map<String, String> owned = Map.of("/v1/networks/", net, "/v1/subnets/", subnet, "/v1/ports/", port,
                "/v1/security-groups/", group, "/v1/security-group-rules/", rule);
        owned.forEach((path, id) -> {
            as(MEMBER_A).get(path + id).then().statusCode(200);
            as(MEMBER_B).get(path + id).then().statusCode(404).contentType("application/problem+json");
            as(MEMBER_B).delete(path + id).then().statusCode(404);
            as(TestTokens.admin(B)).delete(path + id).then().statusCode(404);
        });
        as(MEMBER_B).contentType(ContentType.JSON).body(Map.of("name", "mine")).put("/v1/networks/" + net)
                .then().statusCode(404);
        as(MEMBER_B).contentType(ContentType.JSON).body(Map.of("name", "mine")).put("/v1/ports/" + port)
                .then().statusCode(404);
        as(MEMBER_B).get("/v1/networks").then().statusCode(200).body("networks.id", not(hasItem(net)));
        as(MEMBER_B).get("/v1/subnets").then().body("subnets.id", not(hasItem(subnet)));
        as(MEMBER_B).get("/v1/ports").then().body("ports.id", not(hasItem(port)));
        as(MEMBER_B).get("/v1/ports?network_id=" + net).then().body("ports.id", not(hasItem(port)));
        as(MEMBER_B).get("/v1/security-groups").then().body("security_groups.id", not(hasItem(group)))
                .body("security_groups.project_id", everyItem(equalTo(B)));
        as(MEMBER_B).get("/v1/security-group-rules").then().body("security_group_rules.id", not(hasItem(rule)));
        // references in bodies: as if they did not exist
        as(MEMBER_B).contentType(ContentType.JSON).body(Map.of("network_id", net)).post("/v1/ports")
                .then().statusCode(400).body("field", equalTo("network_id"));
        as(MEMBER_B).contentType(ContentType.JSON).body(Map.of("network_id", net, "cidr", "10.41.0.0/24"))
                .post("/v1/subnets").then().statusCode(400).body("field", equalTo("network_id"));
        as(MEMBER_B).contentType(ContentType.JSON).body(Map.of("security_group_id", group, "direction", "egress"))
                .post("/v1/security-group-rules").then().statusCode(400).body("field", equalTo("security_group_id"));
        String netB = as(MEMBER_B).contentType(ContentType.JSON).body(Map.of("name", "b-net")).post("/v1/networks")
                .then().statusCode(201).extract().path("id");
        as(MEMBER_B).contentType(ContentType.JSON).body(Map.of("network_id", netB, "security_groups", List.of(group)))
                .post("/v1/ports").then().statusCode(400).body("field", equalTo("security_groups"));
        // all still there for A
        owned.forEach((path, id) -> as(MEMBER_A).get(path + id).then().statusCode(200));
    }

    @Test
    void eachProjectGetsItsOwnDefaultSecurityGroupOnFirstUse() {
        String a = given().get("/v1/security-groups").then().statusCode(200)
                .extract().path("security_groups.find { it.name == 'default' }.id");
        String b = as(TestTokens.member("tenancy-fresh")).get("/v1/security-groups").then().statusCode(200)
                .body("security_groups.size()", equalTo(1)).body("security_groups[0].name", equalTo("default"))
                .body("security_groups[0].project_id", equalTo("tenancy-fresh"))
                .body("security_groups[0].security_group_rules.size()", equalTo(4))
                .extract().path("security_groups[0].id");
        assertNotEquals(a, b);
        String net = PortIpamTest.network("sg-default");
        as(MEMBER_A).contentType(ContentType.JSON).body(Map.of("network_id", net)).post("/v1/ports")
                .then().statusCode(201).body("security_groups", equalTo(List.of(a)));
    }

    @Test
    void readersReadButCannotWrite() {
        String net = PortIpamTest.network("readable");
        String port = PortIpamTest.port(net);
        String group = created("/v1/security-groups", Map.of("name", "r-web"));
        as(READER_A).get("/v1/networks/" + net).then().statusCode(200);
        as(READER_A).get("/v1/ports").then().statusCode(200).body("ports.id", hasItem(port));
        as(READER_A).contentType(ContentType.JSON).body(Map.of("name", "r")).post("/v1/networks").then().statusCode(403)
                .contentType("application/problem+json");
        as(READER_A).contentType(ContentType.JSON).body(Map.of("name", "r")).put("/v1/networks/" + net)
                .then().statusCode(403);
        as(READER_A).delete("/v1/networks/" + net).then().statusCode(403);
        as(READER_A).contentType(ContentType.JSON).body(Map.of("network_id", net, "cidr", "10.42.0.0/24"))
                .post("/v1/subnets").then().statusCode(403);
        as(READER_A).contentType(ContentType.JSON).body(Map.of("network_id", net)).post("/v1/ports")
                .then().statusCode(403);
        as(READER_A).contentType(ContentType.JSON).body(Map.of("name", "x")).put("/v1/ports/" + port)
                .then().statusCode(403);
        as(READER_A).delete("/v1/ports/" + port).then().statusCode(403);
        as(READER_A).contentType(ContentType.JSON).body(Map.of("name", "x")).post("/v1/security-groups")
                .then().statusCode(403);
        as(READER_A).delete("/v1/security-groups/" + group).then().statusCode(403);
        as(READER_A).contentType(ContentType.JSON).body(Map.of("security_group_id", group, "direction", "ingress"))
                .post("/v1/security-group-rules").then().statusCode(403);
        given().get("/v1/networks/" + net).then().statusCode(200).body("name", equalTo("readable"));
        given().get("/v1/ports/" + port).then().statusCode(200);
    }

    @Test
    void badTokensAre401() {
        for (String token : List.of(TestTokens.expired(A), TestTokens.forged(A), TestTokens.unknownKey(A))) {
            as(token).get("/v1/networks").then().statusCode(401).contentType("application/problem+json");
            as(token).contentType(ContentType.JSON).body(Map.of("name", "x")).post("/v1/networks")
                    .then().statusCode(401);
            as(token).get("/internal/usage?project=" + A).then().statusCode(401);
        }
        as(null).get("/v1/ports").then().statusCode(401).contentType("application/problem+json");
    }

    static String created(String path, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(201).extract().path("id");
    }
}
