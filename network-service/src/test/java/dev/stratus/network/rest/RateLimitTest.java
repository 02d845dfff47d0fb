package dev.stratus.network.rest;

import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.devinfra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Platform's per project and action token buckets apply to network-service: 429 + Retry-After past the burst. */
@QuarkusTest
@TestProfile(RateLimitTest.Tight.class)
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ApiServiceDouble.class, restrictToAnnotatedClass = false)
class RateLimitTest {
    /** Three creates, then one every 100 s. */
    public static class Tight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("stratus.rate-limits.create-burst", "3", "stratus.rate-limits.create-per-second", "0.01");
        }
    }

    @Test
    void createsPastTheProjectsBurstAre429WithRetryAfterWhileOthersGoOn() {
        String a = TestTokens.member("rate-a");
        for (int i = 0; i < 3; i++) {
            group(a, "g" + i).then().statusCode(201);
        }
        group(a, "g3").then().statusCode(429).contentType("application/problem+json").body("status", equalTo(429))
                .header("Retry-After", notNullValue());
        given().auth().oauth2(a).get("/v1/security-groups").then().statusCode(200); // reads have their own bucket
        group(TestTokens.member("rate-b"), "g0").then().statusCode(201); // another project's bucket is full
        given().auth().oauth2(TestTokens.service()).get("/internal/usage?project=rate-a").then().statusCode(200);
    }

    private static io.restassured.response.Response group(String token, String name) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/v1/security-groups");
    }
}
