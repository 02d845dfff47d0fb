package dev.stratus.network.rest;

import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.devinfra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ApiServiceDouble.class, restrictToAnnotatedClass = false)
class NetworkResourceTest {
    @org.junit.jupiter.api.BeforeEach
    void authenticate() {
        Tokens.use(TestTokens.member("networks-test"));
    }

    @org.junit.jupiter.api.AfterEach
    void forgetToken() {
        Tokens.forget();
    }

    @Test
    void createGetListDelete() {
        String id = given().contentType(ContentType.JSON).body(Map.of("name", "private", "cidr", "10.0.0.0/24"))
                .post("/v1/networks")
                .then().statusCode(201)
                .header("Location", notNullValue())
                .body("id", notNullValue())
                .body("name", equalTo("private"))
                .body("status", equalTo("ACTIVE"))
                .body("cidr", equalTo("10.0.0.0/24"))
                .body("mtu", equalTo(1500))
                .body("created_at", notNullValue())
                .extract().path("id");

        given().get("/v1/networks/" + id).then().statusCode(200).body("id", equalTo(id))
                .body("name", equalTo("private"));
        given().get("/v1/networks").then().statusCode(200).body("networks.id", hasItem(id));

        given().delete("/v1/networks/" + id).then().statusCode(204);
        given().get("/v1/networks/" + id).then().statusCode(404).contentType("application/problem+json");
        given().get("/v1/networks").then().body("networks.id", not(hasItem(id)));
        given().delete("/v1/networks/" + id).then().statusCode(404);
    }

    @Test
    void cidrIsOptional() {
        given().contentType(ContentType.JSON).body(Map.of("name", "no-range")).post("/v1/networks")
                .then().statusCode(201).body("cidr", nullValue()).body("status", equalTo("ACTIVE"));
    }

    @Test
    void badInputNamesTheField() {
        badRequest(Map.of("cidr", "10.0.0.0/24"), "name");
        badRequest(Map.of("name", "  "), "name");
        badRequest(Map.of("name", "x".repeat(256)), "name");
        badRequest(Map.of("name", "n", "cidr", "10.0.0.1/24"), "cidr");
        badRequest(Map.of("name", "n", "cidr", "banana"), "cidr");
        given().contentType(ContentType.JSON).body("{\"name\": [1]}").post("/v1/networks")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("name"));
        given().contentType(ContentType.JSON).body("{\"name\": ").post("/v1/networks")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void unknownNetworkIs404Problem() {
        given().get("/v1/networks/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        given().get("/v1/networks/nope").then().statusCode(404);
    }

    private static void badRequest(Map<String, Object> body, String field) {
        given().contentType(ContentType.JSON).body(body).post("/v1/networks")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo(field))
                .body("detail", notNullValue());
    }
}
