package dev.stratus.api;

import dev.stratus.devinfra.StratusTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** A quota of -1 is unlimited (as in Nova), shown so in the quota view and enforced so; below -1 is a 400. */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServiceDouble.class, restrictToAnnotatedClass = false)
class UnlimitedQuotaTest {
    private String admin;

    @BeforeEach
    void login() {
        RestAssured.requestSpecification = null;
        admin = Login.token("admin");
    }

    @Test
    void minusOneIsUnlimitedInTheViewAndWhenEnforced() {
        String project = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "unlimited-quota")).post("/v1/projects").then().statusCode(201)
                .extract().path("id");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "unlimited-user", "password", "unlimited-password")).post("/v1/users")
                .then().statusCode(201);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("user", "unlimited-user", "role", "member"))
                .put("/v1/projects/" + project + "/members").then().statusCode(204);
        String member = Login.token("unlimited-user", "unlimited-password", project);

        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"instances\": 0, \"key_pairs\": 0}")
                .put("/v1/projects/" + project + "/quotas").then().statusCode(200)
                .body("instances.limit", equalTo(0)).body("instances.unlimited", equalTo(false));
        createServer(member).then().statusCode(409).body("field", equalTo("instances"));
        given().auth().oauth2(member).contentType(ContentType.JSON).body("{\"name\": \"k\"}").post("/v1/key-pairs")
                .then().statusCode(409).body("field", equalTo("key_pairs"));

        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"instances\": -1, \"key_pairs\": -1}")
                .put("/v1/projects/" + project + "/quotas").then().statusCode(200)
                .body("instances.limit", equalTo(-1)).body("instances.unlimited", equalTo(true))
                .body("key_pairs.unlimited", equalTo(true));
        createServer(member).then().statusCode(202);
        given().auth().oauth2(member).contentType(ContentType.JSON).body("{\"name\": \"k\"}").post("/v1/key-pairs")
                .then().statusCode(201);
        given().auth().oauth2(member).get("/v1/projects/" + project + "/quotas").then().statusCode(200)
                .body("instances.unlimited", equalTo(true)).body("instances.in_use", equalTo(1));
    }

    @Test
    void belowMinusOneIsA400AndTheLimitStays() {
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"key_pairs\": 7}")
                .put("/v1/projects/demo/quotas").then().statusCode(200);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"key_pairs\": -2}")
                .put("/v1/projects/demo/quotas").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("key_pairs")).body("detail", containsString("-1 (unlimited)"));
        given().auth().oauth2(admin).get("/v1/projects/demo/quotas").then().body("key_pairs.limit", equalTo(7));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"key_pairs\": 20}")
                .put("/v1/projects/demo/quotas").then().statusCode(200);
    }

    private static io.restassured.response.Response createServer(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"name\": \"u1\", \"flavor\": \"m1.tiny\", \"image\": \"" + ImageServiceDouble.IMAGE_ID + "\"}")
                .post("/v1/servers");
    }
}
