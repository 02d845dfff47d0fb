package dev.stratus.api;

import dev.stratus.devinfra.StratusTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** /v1/images* under the api-service URL reaches image-service, bodies streamed both ways. */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServiceDouble.class, restrictToAnnotatedClass = false)
class EdgeRoutingTest {
    @BeforeEach
    void authenticate() {
        Login.as("demo");
    }


    @Test
    void imageRoutesAreForwarded() {
        given().get("/v1/images/" + ImageServiceDouble.IMAGE_ID).then().statusCode(200)
                .body("name", equalTo("test-image"));
        given().get("/v1/images?name=test-image").then().statusCode(200).body("images[0].status", equalTo("active"));
        given().get("/v1/images/nope").then().statusCode(404);
    }

    @Test
    void uploadsArePipedThrough() throws Exception {
        byte[] body = new byte[8 * 1024 * 1024 + 17];
        new Random(7).nextBytes(body);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        given().contentType("application/octet-stream").body(body)
                .put("/v1/images/" + ImageServiceDouble.IMAGE_ID + "/file").then().statusCode(200)
                .body("size", equalTo(body.length)).body("sha256", equalTo(sha));
    }

    @Test
    void unreachableServiceIsA502Problem() {
        // network-service is not running in this test
        given().get("/v1/networks").then().statusCode(502).contentType("application/problem+json");
    }
}
