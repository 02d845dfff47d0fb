package dev.stratus.image.rest;

import dev.stratus.devinfra.TestTokens;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;

/** Tokens of the image tests' projects (signed by devinfra's test key, which StratusTestInfra makes trusted). */
public final class Tokens {
    public static final String PROJECT = "images-test";
    public static final String MEMBER = TestTokens.member(PROJECT);

    private static volatile String current = MEMBER;

    private Tokens() {
    }

    /** Every following RestAssured request of the test sends {@code token}. */
    public static void use(String token) {
        current = token;
        RestAssured.requestSpecification = null; // a new builder would otherwise start from the current spec
        RestAssured.requestSpecification = new RequestSpecBuilder().addHeader("Authorization", "Bearer " + token)
                .build();
    }

    /** The header line for hand-written HTTP requests. */
    static String header() {
        return "Authorization: Bearer " + current + "\r\n";
    }
}
