package dev.stratus.scheduler.rest;

import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.devinfra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The platform's input rules hold in scheduler-service too: control characters in paths and queries, 414. */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
class SchedulerInputRulesTest {
    @Test
    void aNulInAPathIdOrQueryValueIsA400Problem() {
        String admin = TestTokens.admin("admin");
        given().urlEncodingEnabled(false).auth().oauth2(admin).get("/v1/scheduler/hosts/%00").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("U+0000"));
        given().urlEncodingEnabled(false).auth().oauth2(admin).get("/v1/scheduler/allocations/a%00").then()
                .statusCode(400).contentType("application/problem+json");
        given().urlEncodingEnabled(false).auth().oauth2(admin).get("/v1/scheduler/allocations?host=%00").then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aFiveThousandCharacterIdIsA414Problem() {
        given().auth().oauth2(TestTokens.admin("admin")).get("/v1/scheduler/hosts/" + "h".repeat(5_000)).then()
                .statusCode(414).contentType("application/problem+json").body("status", equalTo(414));
    }
}
