package dev.stratus.image.rest;

import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.devinfra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 12's cases in image-service: unknown fields are refused as in the other services, a NUL in a name (create and
 * merge patch) or a query value, a value of another JSON type: each a 400 problem+json naming the field, nothing made.
 */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
class ImageInputRulesTest {
    @BeforeEach
    void authenticate() {
        Tokens.use(Tokens.MEMBER);
    }

    @Test
    void unknownFieldsOfACreateAreRefusedNamingThem() {
        int before = images();
        create("{\"name\": \"extra\", \"disk_format\": \"raw\", \"container_format\": \"bare\", \"owner\": \"x\"}")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("owner"));
        create("{\"name\": \"extra\", \"disk_format\": \"raw\", \"container_format\": \"bare\", \"size\": 5}")
                .then().statusCode(400).body("field", equalTo("size"));
        assertEquals(before, images());
    }

    @Test
    void aNulInANameIsA400OnCreateAndPatch() {
        int before = images();
        create("{\"name\": \"a\\u0000b\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("name"));
        assertEquals(before, images());
        String id = ImageApiTest.create(ImageApiTest.image("patched"));
        patch(id, "{\"name\": \"a\\u0000b\"}").then().statusCode(400).body("field", equalTo("name"));
        patch(id, "{\"name\": \"two\\nlines\"}").then().statusCode(400).body("field", equalTo("name"));
        patch(id, "{\"properties\": {\"k\": \"v\\u0000\"}}").then().statusCode(400)
                .body("field", equalTo("properties.k"));
        given().get("/v1/images/" + id).then().body("name", equalTo("patched"));
    }

    @Test
    void aNulInAQueryValueOrPathIdIsA400() {
        given().urlEncodingEnabled(false).get("/v1/images?name=%00").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("'name'"));
        given().urlEncodingEnabled(false).get("/v1/images/%00").then().statusCode(400);
        given().urlEncodingEnabled(false).delete("/v1/images/%00/members/x").then().statusCode(400);
    }

    @Test
    void valuesOfAnotherTypeAreRefusedNamingTheField() {
        create("{\"name\": 12345, \"disk_format\": \"raw\", \"container_format\": \"bare\"}")
                .then().statusCode(400).body("field", equalTo("name"));
        create("{\"name\": \"n\", \"disk_format\": \"raw\", \"container_format\": \"bare\", \"min_disk\": \"5\"}")
                .then().statusCode(400).body("field", equalTo("min_disk"));
        create("{\"name\": \"n\", \"disk_format\": \"raw\", \"container_format\": \"bare\", \"protected\": 1}")
                .then().statusCode(400).body("field", equalTo("protected"));
        create("{\"name\": \"" + "n".repeat(256) + "\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}")
                .then().statusCode(400).body("field", equalTo("name")).body("detail", containsString("255"));
    }

    @Test
    void aProjectIsReleasedOnlyWhenItOwnsNoImage() {
        String project = "image-release";
        String member = TestTokens.member(project);
        String id = as(member).contentType(ContentType.JSON)
                .body(ImageApiTest.image("held")).post("/v1/images").then().statusCode(201).extract().path("id");
        as(TestTokens.admin(project)).delete("/internal/projects/" + project).then()
                .statusCode(403);
        as(TestTokens.service()).get("/internal/projects/" + project + "/holdings").then()
                .statusCode(200).body("images", equalTo(1));
        as(TestTokens.service()).delete("/internal/projects/" + project).then().statusCode(409)
                .body("holdings.images", equalTo(1));
        as(member).delete("/v1/images/" + id).then().statusCode(204);
        as(TestTokens.service()).delete("/internal/projects/" + project).then().statusCode(204);
    }

    private static io.restassured.specification.RequestSpecification as(String token) {
        Tokens.use(token);
        return given();
    }

    private static io.restassured.response.Response create(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/images");
    }

    private static io.restassured.response.Response patch(String id, String body) {
        return given().contentType("application/merge-patch+json").body(body).patch("/v1/images/" + id);
    }

    private static int images() {
        return given().get("/v1/images").then().statusCode(200).extract().path("images.size()");
    }
}
