package dev.stratus.api;

import com.sun.net.httpserver.HttpServer;
import dev.stratus.devinfra.StratusTestInfra;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code DELETE /v1/projects/{id}}: 409 naming what the project still owns here (servers, key pairs) and in the other
 * services (as they answer), nothing deleted then; once it owns nothing, it is gone with its members, credentials,
 * quotas and tokens. {@code DELETE /v1/users/{id}}: the user, its memberships, credentials and tokens are gone.
 */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ProjectAndUserDeletionTest.NetworkServiceDouble.class, restrictToAnnotatedClass = true)
class ProjectAndUserDeletionTest {
    static final Map<String, String> NETWORK_HOLDINGS = new ConcurrentHashMap<>();
    static final Set<String> NETWORK_RELEASED = ConcurrentHashMap.newKeySet();

    /** network-service's /internal/projects routes. */
    public static class NetworkServiceDouble implements QuarkusTestResourceLifecycleManager {
        private HttpServer server;

        @Override
        public Map<String, String> start() {
            try {
                server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/internal/projects/", exchange -> ProjectHoldingsDouble.handle(exchange,
                    NETWORK_HOLDINGS, NETWORK_RELEASED));
            server.start();
            return Map.of("stratus.api.network-service-url", "http://localhost:" + server.getAddress().getPort());
        }

        @Override
        public void stop() {
            server.stop(0);
        }
    }

    private String admin;

    @BeforeEach
    void login() {
        RestAssured.requestSpecification = null;
        admin = Login.token("admin");
    }

    @Test
    void aProjectThatOwnsResourcesIsA409NamingThemAndNothingIsDeleted() {
        String project = project("doomed-owner");
        String member = member("doomed-owner-user", project);
        String keyPair = given().auth().oauth2(member).contentType(ContentType.JSON).body("{\"name\": \"k1\"}")
                .post("/v1/key-pairs").then().statusCode(201).extract().path("id");
        String server = given().auth().oauth2(member).contentType(ContentType.JSON)
                .body("{\"name\": \"s1\", \"flavor\": \"m1.tiny\", \"image\": \"" + ImageServiceDouble.IMAGE_ID + "\"}")
                .post("/v1/servers").then().statusCode(202).extract().path("id");
        NETWORK_HOLDINGS.put(project, "{\"networks\": 1, \"ports\": 2}");
        ImageServiceDouble.HOLDINGS.put(project, "{\"images\": 3}");

        given().auth().oauth2(admin).delete("/v1/projects/" + project).then().statusCode(409)
                .contentType("application/problem+json").body("owns.servers", equalTo(1))
                .body("owns.key_pairs", equalTo(1)).body("owns.networks", equalTo(1)).body("owns.ports", equalTo(2))
                .body("owns.images", equalTo(3)).body("detail", containsString("1 servers"));

        assertFalse(NETWORK_RELEASED.contains(project));
        assertFalse(ImageServiceDouble.RELEASED.contains(project));
        given().auth().oauth2(admin).get("/v1/projects/" + project).then().statusCode(200);
        given().auth().oauth2(member).get("/v1/key-pairs/" + keyPair).then().statusCode(200);
        given().auth().oauth2(member).get("/v1/servers/" + server).then().statusCode(200);
    }

    @Test
    void aProjectThatOwnsNothingIsDeletedWithItsMembersQuotasAndTokens() {
        String project = project("doomed-empty");
        String member = member("doomed-empty-user", project);
        String keyPair = given().auth().oauth2(member).contentType(ContentType.JSON).body("{\"name\": \"k2\"}")
                .post("/v1/key-pairs").then().statusCode(201).extract().path("id");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"instances\": -1}")
                .put("/v1/projects/" + project + "/quotas").then().statusCode(200);
        var credential = given().auth().oauth2(member).contentType(ContentType.JSON).body("{\"name\": \"ci\"}")
                .post("/v1/application-credentials").then().statusCode(201).extract();
        NETWORK_HOLDINGS.put(project, "{\"security_groups\": 1}");
        given().auth().oauth2(admin).delete("/v1/projects/" + project).then().statusCode(409)
                .body("owns.key_pairs", equalTo(1)).body("owns.security_groups", equalTo(1));

        given().auth().oauth2(member).delete("/v1/key-pairs/" + keyPair).then().statusCode(204);
        NETWORK_HOLDINGS.remove(project);
        given().auth().oauth2(admin).delete("/v1/projects/" + project).then().statusCode(204);

        assertTrue(NETWORK_RELEASED.contains(project));
        assertTrue(ImageServiceDouble.RELEASED.contains(project));
        given().auth().oauth2(admin).get("/v1/projects/" + project).then().statusCode(404);
        given().auth().oauth2(member).get("/v1/key-pairs").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("application_credential_id", credential.path("id"),
                "secret", credential.path("secret"))).post("/v1/auth/tokens").then().statusCode(401);
        given().auth().oauth2(admin).delete("/v1/projects/" + project).then().statusCode(404);
        for (String table : List.of("role_assignment", "application_credential", "quota_limit", "project_usage",
                "key_pair")) {
            assertEquals(0L, rows(table, project), table + " keeps rows of the deleted project");
        }
        project("doomed-empty"); // the name can be used again
    }

    private static long rows(String table, String project) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Panache.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM api." + table + " WHERE project_id = ?1")
                .setParameter(1, project).getSingleResult()).longValue());
    }

    @Test
    void theProjectOfTheCallersTokenIsNotDeleted() {
        given().auth().oauth2(admin).delete("/v1/projects/admin").then().statusCode(409)
                .contentType("application/problem+json");
        given().auth().oauth2(Login.token("demo")).delete("/v1/projects/demo").then().statusCode(403);
    }

    @Test
    void aDeletedUserLosesItsTokensMembershipsAndCredentials() {
        String project = project("user-deletion");
        String member = member("doomed-user", project);
        var credential = given().auth().oauth2(member).contentType(ContentType.JSON).body("{\"name\": \"ci\"}")
                .post("/v1/application-credentials").then().statusCode(201).extract();
        String credentialId = credential.path("id");
        String secret = credential.path("secret");
        given().auth().oauth2(member).get("/v1/servers").then().statusCode(200);

        given().auth().oauth2(admin).delete("/v1/users/doomed-user").then().statusCode(204);

        given().auth().oauth2(member).get("/v1/servers").then().statusCode(401);
        given().auth().oauth2(admin).get("/v1/users/doomed-user").then().statusCode(404);
        given().auth().oauth2(admin).get("/v1/projects/" + project + "/members").then().statusCode(200)
                .body("members.find { it.user_name == 'doomed-user' }", nullValue());
        given().contentType(ContentType.JSON).body(Map.of("application_credential_id", credentialId,
                "secret", secret)).post("/v1/auth/tokens").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("user", "doomed-user", "password", "doomed-password",
                "project", project)).post("/v1/auth/tokens").then().statusCode(401);
        given().auth().oauth2(admin).delete("/v1/users/doomed-user").then().statusCode(404);
    }

    @Test
    void anAdminCannotDeleteItselfAndMembersCannotDeleteUsers() {
        given().auth().oauth2(admin).delete("/v1/users/admin").then().statusCode(409);
        given().auth().oauth2(Login.token("demo")).delete("/v1/users/admin").then().statusCode(403);
        given().auth().oauth2(admin).get("/v1/users/admin").then().statusCode(200);
    }

    private String project(String name) {
        return given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/v1/projects").then().statusCode(201).extract().path("id");
    }

    /** A new user with the member role on the project, and its token there. */
    private String member(String name, String project) {
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", name, "password", "doomed-password")).post("/v1/users").then().statusCode(201);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("user", name, "role", "member"))
                .put("/v1/projects/" + project + "/members").then().statusCode(204);
        return Login.token(name, "doomed-password", project);
    }
}
