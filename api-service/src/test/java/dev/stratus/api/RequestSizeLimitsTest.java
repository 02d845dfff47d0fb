package dev.stratus.api;

import dev.stratus.devinfra.StratusTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** A request-target or headers over the limits are answered 414 and 431 problem+json, like every other error. */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServiceDouble.class, restrictToAnnotatedClass = false)
class RequestSizeLimitsTest {
    @BeforeEach
    void anonymous() {
        RestAssured.requestSpecification = null;
    }

    @Test
    void aFiveThousandCharacterIdIsA414Problem() {
        given().auth().oauth2(Login.token("demo")).get("/v1/servers/" + "a".repeat(5_000)).then().statusCode(414)
                .contentType("application/problem+json").body("status", equalTo(414))
                .body("detail", containsString("at most 4096"));
    }

    @Test
    void aLongIdOnAnEdgeRouteIsA414ProblemToo() {
        given().get("/v1/images/" + "a".repeat(5_000)).then().statusCode(414)
                .contentType("application/problem+json");
    }

    @Test
    void headersOverTheLimitAreA431Problem() {
        given().header("X-Padding", "h".repeat(30_000)).get("/v1/servers").then().statusCode(431)
                .contentType("application/problem+json").body("status", equalTo(431))
                .body("title", equalTo("Request Header Fields Too Large"));
    }

    @Test
    void requestsWithinTheLimitsAreServed() {
        given().auth().oauth2(Login.token("demo")).header("X-Padding", "h".repeat(10_000))
                .get("/v1/servers/" + "a".repeat(3_000)).then().statusCode(404)
                .contentType("application/problem+json");
    }
}
