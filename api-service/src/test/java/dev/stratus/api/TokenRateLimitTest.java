package dev.stratus.api;

import dev.stratus.devinfra.StratusTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /v1/auth/tokens is rate limited per user name (or credential) and per source address: 429 + Retry-After. */
@QuarkusTest
@TestProfile(TokenRateLimitTest.SmallBuckets.class)
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
class TokenRateLimitTest {
    public static class SmallBuckets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("stratus.api.rate-limits.token-per-user-burst", "3",
                    "stratus.api.rate-limits.token-per-user-per-second", "0.01",
                    "stratus.api.rate-limits.token-per-address-burst", "10",
                    "stratus.api.rate-limits.token-per-address-per-second", "0.01");
        }
    }

    @Test
    void guessingIsSlowedPerUserThenPerAddress() {
        RestAssured.requestSpecification = null;
        for (int i = 0; i < 3; i++) {
            password("demo", "wrong-" + i).then().statusCode(401);
        }
        // the right password does not help once the user's bucket is empty
        Response limited = password("demo", "demo-test-password");
        limited.then().statusCode(429).contentType("application/problem+json").body("status", equalTo(429));
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 100, "Retry-After " + retryAfter);

        // another user has its own bucket (the address has 6 requests left)
        for (int i = 0; i < 3; i++) {
            password("admin", "wrong-" + i).then().statusCode(401);
        }
        password("ADMIN", "wrong").then().statusCode(429); // names are not case-sensitive buckets
        // application credential exchange: one bucket per credential id
        for (int i = 0; i < 2; i++) {
            given().contentType(ContentType.JSON).body(Map.of("application_credential_id", "nope", "secret", "x"))
                    .post("/v1/auth/tokens").then().statusCode(401);
        }
        // the address's 10 are used up: a user never seen before is refused too
        Response byAddress = password("someone-new", "whatever");
        assertEquals(429, byAddress.statusCode(), byAddress.asString());
        assertTrue(byAddress.path("detail").toString().contains("address"), byAddress.asString());
    }

    private static Response password(String user, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("user", user, "password", password, "project", "demo")).post("/v1/auth/tokens");
    }
}
