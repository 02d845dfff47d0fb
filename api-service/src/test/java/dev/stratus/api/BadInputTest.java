package dev.stratus.api;

import dev.stratus.devinfra.StratusTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every bad request is a 400/404 problem+json that names what to fix, and leaves nothing behind. */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServiceDouble.class, restrictToAnnotatedClass = false)
class BadInputTest {
    @BeforeEach
    void authenticate() {
        Login.as("demo");
    }


    @Test
    void unknownFlavorNamesTheField() {
        int before = serverCount();
        post("{\"name\":\"a\",\"flavor\":\"m9.giant\",\"image\":\"test-image\"}")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("flavor")).body("detail", containsString("m9.giant"));
        assertEquals(before, serverCount());
    }

    @Test
    void unknownImageNamesTheField() {
        int before = serverCount();
        post("{\"name\":\"a\",\"flavor\":\"m1.tiny\",\"image\":\"no-such-image\"}")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("image")).body("status", equalTo(400));
        assertEquals(before, serverCount());
    }

    @Test
    void imageWithoutDataIsRefused() {
        post("{\"name\":\"a\",\"flavor\":\"m1.tiny\",\"image\":\"empty-image\"}")
                .then().statusCode(400).body("field", equalTo("image")).body("detail", containsString("queued"));
    }

    @Test
    void badNameAndMissingFields() {
        post("{\"name\":\"no spaces <b>\",\"flavor\":\"m1.tiny\",\"image\":\"test-image\"}")
                .then().statusCode(400).body("field", equalTo("name"));
        post("{\"name\":\"ok\",\"image\":\"test-image\"}").then().statusCode(400).body("field", equalTo("flavor"));
        post("{\"name\":\"ok\",\"flavor\":\"m1.tiny\"}").then().statusCode(400).body("field", equalTo("image"));
    }

    @Test
    void malformedJsonIsA400Problem() {
        post("{\"name\": \"x\", ").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("JSON"));
        post("[1,2]").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void unknownServerIs404Problem() {
        given().get("/v1/servers/00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/v1/servers/not-a-uuid").then().statusCode(404);
        given().delete("/v1/servers/00000000-0000-0000-0000-000000000000").then().statusCode(404);
    }

    private static io.restassured.response.Response post(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/servers");
    }

    private static int serverCount() {
        return given().get("/v1/servers").then().statusCode(200).extract().path("servers.size()");
    }
}
