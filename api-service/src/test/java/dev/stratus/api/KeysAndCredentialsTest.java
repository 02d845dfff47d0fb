package dev.stratus.api;

import dev.stratus.platform.ratelimit.RateLimits;
import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.platform.problem.ApiException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.stratus.contracts.Topics;
import dev.stratus.contracts.TokensRevoked;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Key rotation keeps old tokens valid; application credentials; admin-only routes; rate limits. */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServiceDouble.class, restrictToAnnotatedClass = false)
class KeysAndCredentialsTest {
    @Inject
    RateLimits limits;

    @BeforeEach
    void anonymous() {
        RestAssured.requestSpecification = null;
    }

    @Test
    void rotationSignsWithANewKeyAndOldTokensStayValid() {
        String before = Login.token("demo", Login.PASSWORDS.get("demo"), "demo");
        String kid = given().auth().oauth2(Login.token("admin")).post("/v1/admin/signing-keys/rotate").then()
                .statusCode(200).extract().path("kid");
        String after = Login.token("demo", Login.PASSWORDS.get("demo"), "demo");
        assertNotEquals(kidOf(before), kidOf(after));
        assertEquals(kid, kidOf(after));
        given().auth().oauth2(before).get("/v1/servers").then().statusCode(200);
        given().auth().oauth2(after).get("/v1/servers").then().statusCode(200);
        given().get("/v1/auth/keys").then().body("keys.size()", greaterThanOrEqualTo(2));
        given().auth().oauth2(Login.token("demo")).post("/v1/admin/signing-keys/rotate").then().statusCode(403);
    }

    @Test
    void applicationCredentialIsExchangedAndRevokedAtOnce() {
        String demo = Login.token("demo");
        var created = given().auth().oauth2(demo).contentType(ContentType.JSON).body("{\"name\":\"ci\"}")
                .post("/v1/application-credentials").then().statusCode(201).extract();
        String id = created.path("id");
        String secret = created.path("secret");
        String token = exchange(id, secret).then().statusCode(201).extract().path("token");
        given().auth().oauth2(token).get("/v1/auth/tokens/self").then().statusCode(200)
                .body("roles", equalTo(java.util.List.of("member")));
        exchange(id, "wrong-secret").then().statusCode(401);
        given().auth().oauth2(demo).get("/v1/application-credentials").then()
                .body("application_credentials.find { it.id == '" + id + "' }.secret", equalTo(null));

        given().auth().oauth2(demo).delete("/v1/application-credentials/" + id).then().statusCode(204);
        exchange(id, secret).then().statusCode(401);
        given().auth().oauth2(token).get("/v1/servers").then().statusCode(401);
    }

    @Test
    void revocationsAreAnnouncedToEveryServiceAndARemovedRoleEndsTheUsersTokens() {
        String admin = Login.token("admin");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"name\":\"revoke-me\",\"password\":\"revoke-me-password\"}").post("/v1/users")
                .then().statusCode(201);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"user\":\"revoke-me\",\"role\":\"member\"}").put("/v1/projects/demo/members")
                .then().statusCode(anyOf(equalTo(200), equalTo(201), equalTo(204)));
        String token = Login.token("revoke-me", "revoke-me-password", "demo");
        given().auth().oauth2(token).get("/v1/servers").then().statusCode(200);
        try (EventProbe identity = new EventProbe(StratusTestInfra.bootstrapServers(), Topics.IDENTITY_EVENTS)) {
            var created = given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"name\":\"rv\"}")
                    .post("/v1/application-credentials").then().statusCode(201).extract();
            String credentialId = created.path("id");
            given().auth().oauth2(token).delete("/v1/application-credentials/" + credentialId).then().statusCode(204);
            TokensRevoked credential = identity.await(TokensRevoked.class,
                    e -> credentialId.equals(e.credentialId()), Duration.ofSeconds(20));
            assertTrue(credential.forgetAfter().isAfter(credential.revokedAt().plus(Duration.ofMinutes(59))));

            var self = given().auth().oauth2(token).get("/v1/auth/tokens/self").then().extract();
            String userId = self.path("user_id");
            String projectId = self.path("project_id");
            given().auth().oauth2(admin).delete("/v1/projects/demo/members/" + userId + "/member").then()
                    .statusCode(204);
            given().auth().oauth2(token).get("/v1/servers").then().statusCode(401);
            TokensRevoked user = identity.await(TokensRevoked.class,
                    e -> userId.equals(e.userId()) && e.credentialId() == null, Duration.ofSeconds(20));
            assertEquals(projectId, user.projectId());
        }
    }

    @Test
    void aDisabledUsersTokensAreRefusedEverywhere() {
        String admin = Login.token("admin");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"name\":\"disable-me\",\"password\":\"disable-me-password\"}").post("/v1/users")
                .then().statusCode(201);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"user\":\"disable-me\",\"role\":\"reader\"}").put("/v1/projects/demo/members")
                .then().statusCode(anyOf(equalTo(200), equalTo(201), equalTo(204)));
        String token = Login.token("disable-me", "disable-me-password", "demo");
        given().auth().oauth2(token).get("/v1/servers").then().statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"enabled\":false}")
                .patch("/v1/users/disable-me").then().statusCode(403);
        try (EventProbe identity = new EventProbe(StratusTestInfra.bootstrapServers(), Topics.IDENTITY_EVENTS)) {
            String userId = given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"enabled\":false}")
                    .patch("/v1/users/disable-me").then().statusCode(200).body("enabled", equalTo(false))
                    .extract().path("id");
            given().auth().oauth2(token).get("/v1/servers").then().statusCode(401);
            TokensRevoked event = identity.await(TokensRevoked.class,
                    e -> userId.equals(e.userId()) && e.projectId() == null, Duration.ofSeconds(20));
            assertEquals(null, event.credentialId());
        }
        given().contentType(ContentType.JSON)
                .body(Map.of("user", "disable-me", "password", "disable-me-password", "project", "demo"))
                .post("/v1/auth/tokens").then().statusCode(401);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"enabled\":true}")
                .patch("/v1/users/disable-me").then().statusCode(200).body("enabled", equalTo(true));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{}")
                .patch("/v1/users/disable-me").then().statusCode(400).body("field", equalTo("enabled"));
    }

    @Test
    void adminRoutesRefuseMembers() {
        String demo = Login.token("demo");
        given().auth().oauth2(demo).get("/v1/projects").then().statusCode(403);
        given().auth().oauth2(demo).get("/v1/users").then().statusCode(403);
        given().auth().oauth2(demo).contentType(ContentType.JSON).body("{\"instances\":100}")
                .put("/v1/projects/demo/quotas").then().statusCode(403);
        given().auth().oauth2(demo).get("/v1/projects/admin/quotas").then().statusCode(404);
        String admin = Login.token("admin");
        given().auth().oauth2(admin).get("/v1/projects").then().statusCode(200)
                .body("projects.name", org.hamcrest.Matchers.hasItem("demo"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"name\":\"new-user-1\",\"password\":\"long-password\"}")
                .post("/v1/users").then().statusCode(201).body("password", equalTo(null));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"bogus\":1}")
                .put("/v1/projects/demo/quotas").then().statusCode(400).body("field", equalTo("bogus"));
    }

    @Test
    void emptyBucketIs429WithRetryAfter() {
        ApiException limited = assertThrows(ApiException.class, () -> {
            for (int i = 0; i < 10_000; i++) {
                limits.take("bucket-test", RateLimits.Action.CREATE);
            }
        });
        assertEquals(429, limited.toProblem().status());
        assertEquals("1", limited.headers().get("Retry-After"));
    }

    private static io.restassured.response.Response exchange(String id, String secret) {
        return given().contentType(ContentType.JSON).body(Map.of("application_credential_id", id, "secret", secret))
                .post("/v1/auth/tokens");
    }

    private static String kidOf(String token) {
        String header = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[0]));
        return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
    }
}
