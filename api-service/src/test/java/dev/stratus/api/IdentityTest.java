package dev.stratus.api;

import dev.stratus.api.identity.Directory;
import dev.stratus.api.identity.Project;
import dev.stratus.api.identity.TokenIssuer;
import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.devinfra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/** Tokens: issued by password, introspected, verified; anything not signed by a trusted key is a 401 problem. */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServiceDouble.class, restrictToAnnotatedClass = false)
class IdentityTest {
    @Inject
    Directory directory;
    @Inject
    TokenIssuer issuer;

    @BeforeEach
    void anonymous() {
        RestAssured.requestSpecification = null;
    }

    @Test
    void passwordGivesAProjectScopedTokenThatSelfDescribes() {
        String token = Login.token("demo");
        given().auth().oauth2(token).get("/v1/auth/tokens/self").then().statusCode(200)
                .body("user_name", equalTo("demo")).body("roles", hasItem("member"))
                .body("project_id", notNullValue()).body("expires_at", notNullValue());
    }

    @Test
    void wrongPasswordOrProjectIsA401Problem() {
        login("demo", "wrong-password", "demo").then().statusCode(401).contentType("application/problem+json");
        login("demo", Login.PASSWORDS.get("demo"), "admin").then().statusCode(401); // no role there
        login("nobody", "whatever-password", "demo").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"user\":\"demo\"}").post("/v1/auth/tokens").then()
                .statusCode(400).body("field", equalTo("password"));
    }

    @Test
    void jwksIsPublicAndListsTheSigningKey() {
        given().get("/v1/auth/keys").then().statusCode(200).body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].kid", containsString("stratus-")).body("keys[0].d", equalTo(null));
    }

    @Test
    void badTokensAre401Problems() {
        for (String bad : new String[] {TestTokens.member("demo"), TestTokens.forged("demo"),
                TestTokens.unknownKey("demo"), "not-a-jwt", expiredRealToken()}) {
            given().auth().oauth2(bad).get("/v1/servers").then().statusCode(401)
                    .contentType("application/problem+json").body("status", equalTo(401));
        }
        given().get("/v1/servers").then().statusCode(401).contentType("application/problem+json");
        given().get("/v1/flavors").then().statusCode(401);
    }

    @Test
    void readerCannotWriteAndOtherProjectsServersAreNotFound() {
        Project other = directory.ensureProject("identity-test-b", "test");
        directory.ensureUser("identity-reader", "reader-password-1");
        directory.assign(other.id, "identity-reader", "reader");
        directory.ensureUser("identity-member-b", "member-password-1");
        directory.assign(other.id, "identity-member-b", "member");
        String reader = Login.token("identity-reader", "reader-password-1", "identity-test-b");
        String memberB = Login.token("identity-member-b", "member-password-1", "identity-test-b");

        String body = "{\"name\":\"a1\",\"flavor\":\"m1.tiny\",\"image\":\"test-image\"}";
        given().auth().oauth2(reader).contentType(ContentType.JSON).body(body).post("/v1/servers").then()
                .statusCode(403).contentType("application/problem+json");
        String id = given().auth().oauth2(Login.token("demo")).contentType(ContentType.JSON).body(body)
                .post("/v1/servers").then().statusCode(202).extract().path("id");
        given().auth().oauth2(memberB).get("/v1/servers/" + id).then().statusCode(404);
        given().auth().oauth2(memberB).delete("/v1/servers/" + id).then().statusCode(404);
        given().auth().oauth2(Login.token("demo")).get("/v1/servers/" + id).then().statusCode(200)
                .body("status", equalTo("BUILDING"));
    }

    @Test
    void clientsCannotSetTheProjectOrTheHost() {
        given().auth().oauth2(Login.token("demo")).contentType(ContentType.JSON)
                .body("{\"name\":\"a2\",\"flavor\":\"m1.tiny\",\"image\":\"test-image\",\"project_id\":\"x\"}")
                .post("/v1/servers").then().statusCode(400).body("field", equalTo("project_id"));
        given().auth().oauth2(Login.token("demo")).contentType(ContentType.JSON)
                .body("{\"name\":\"a2\",\"flavor\":\"m1.tiny\",\"image\":\"test-image\",\"host\":\"h\"}")
                .post("/v1/servers").then().statusCode(400).body("field", equalTo("host"));
    }

    private String expiredRealToken() {
        return issuer.issue("u", "u", "demo", Set.of("member"), null, Duration.ofMinutes(-5)).token();
    }

    private static io.restassured.response.Response login(String user, String password, String project) {
        return given().contentType(ContentType.JSON).body(Map.of("user", user, "password", password, "project", project))
                .post("/v1/auth/tokens");
    }
}
