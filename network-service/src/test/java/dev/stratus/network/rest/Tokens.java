package dev.stratus.network.rest;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.HeaderConfig;
import io.restassured.specification.RequestSpecification;

/** Tokens on RestAssured requests (tokens from devinfra's TestTokens, which StratusTestInfra makes trusted). */
final class Tokens {
    private Tokens() {
    }

    /** Every following RestAssured request of the test sends {@code token}. */
    static void use(String token) {
        RestAssured.config = RestAssured.config().headerConfig(HeaderConfig.headerConfig()
                .overwriteHeadersWithName("Authorization"));
        RestAssured.requestSpecification = null; // a new builder would otherwise start from the current spec
        RestAssured.requestSpecification = new RequestSpecBuilder().addHeader("Authorization", "Bearer " + token)
                .build();
    }

    /** Forgets the test's default token (so other test classes of the JVM start without one). */
    static void forget() {
        RestAssured.requestSpecification = null;
    }

    /** One request with {@code token} instead of the test's default (null: no token at all). */
    static RequestSpecification as(String token) {
        if (token == null) {
            RestAssured.requestSpecification = null;
            return RestAssured.given(); // only this test's following requests: the next @BeforeEach sets it again
        }
        return RestAssured.given().header("Authorization", "Bearer " + token);
    }
}
