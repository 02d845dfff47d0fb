package dev.stratus.api;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.restassured.RestAssured.given;

/** Tokens of the users the test profile bootstraps (see application.properties, %test.stratus.api.bootstrap). */
public final class Login {
    public static final Map<String, String> PASSWORDS = Map.of("admin", "admin-test-password",
            "demo", "demo-test-password", "compute-agent", "agent-test-password");
    public static final Map<String, String> PROJECTS = Map.of("admin", "admin", "demo", "demo",
            "compute-agent", "service");
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private Login() {
    }

    /** A token of one of the bootstrapped users on its project (cached for the test JVM). */
    public static String token(String user) {
        return TOKENS.computeIfAbsent(user, u -> token(u, PASSWORDS.get(u), PROJECTS.get(u)));
    }

    public static String token(String user, String password, String project) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("user", user, "password", password, "project", project))
                .post("/v1/auth/tokens").then().statusCode(201).extract().path("token");
    }

    /** Makes every following RestAssured request of this thread's tests send {@code user}'s token. */
    public static void as(String user) {
        RestAssured.requestSpecification = spec(token(user));
    }

    public static RequestSpecification spec(String token) {
        return new RequestSpecBuilder().addHeader("Authorization", "Bearer " + token).build();
    }
}
