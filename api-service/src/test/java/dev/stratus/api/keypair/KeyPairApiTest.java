package dev.stratus.api.keypair;

import dev.stratus.api.ImageServiceDouble;
import dev.stratus.api.Login;
import dev.stratus.api.identity.Directory;
import dev.stratus.api.identity.Project;
import dev.stratus.devinfra.StratusTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Key pairs: import, generate, scoped by project, readers read only, key_pairs quota holds under parallel creates. */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServiceDouble.class, restrictToAnnotatedClass = false)
class KeyPairApiTest {
    @Inject
    Directory directory;

    @BeforeEach
    void anonymous() {
        RestAssured.requestSpecification = null;
    }

    @Test
    void importGenerateListGetDeleteScopedByProject() {
        String member = user("kp-a", "member");
        String reader = user("kp-a", "reader");
        String other = user("kp-b", "member");
        String publicKey = OpenSshKeys.generateEd25519("x").publicKey().line() + " me@laptop";

        Response imported = given().auth().oauth2(member).contentType(ContentType.JSON)
                .body("{\"name\":\"laptop\",\"public_key\":\"" + publicKey + "\"}").post("/v1/key-pairs");
        imported.then().statusCode(201).body("type", equalTo("ssh-ed25519"))
                .body("fingerprint", startsWith("SHA256:")).body("private_key", nullValue());
        String id = imported.path("id");
        given().auth().oauth2(member).contentType(ContentType.JSON).body("{\"name\":\"laptop\"}")
                .post("/v1/key-pairs").then().statusCode(409).body("field", equalTo("name"));
        given().auth().oauth2(member).contentType(ContentType.JSON)
                .body("{\"name\":\"bad\",\"public_key\":\"ssh-rsa AAAA\"}").post("/v1/key-pairs").then()
                .statusCode(400).contentType("application/problem+json").body("field", equalTo("public_key"));

        Response generated = given().auth().oauth2(member).contentType(ContentType.JSON).body("{\"name\":\"gen\"}")
                .post("/v1/key-pairs");
        generated.then().statusCode(201).body("private_key", startsWith("-----BEGIN OPENSSH PRIVATE KEY-----"));
        given().auth().oauth2(member).get("/v1/key-pairs/gen").then().statusCode(200)
                .body("private_key", nullValue()).body("id", equalTo(generated.path("id")));

        given().auth().oauth2(reader).get("/v1/key-pairs").then().statusCode(200).body("key_pairs.size()", equalTo(2));
        given().auth().oauth2(reader).get("/v1/key-pairs/" + id).then().statusCode(200)
                .body("public_key", equalTo(publicKey.substring(0, publicKey.lastIndexOf(' '))));
        given().auth().oauth2(reader).delete("/v1/key-pairs/" + id).then().statusCode(403);
        given().auth().oauth2(other).get("/v1/key-pairs/" + id).then().statusCode(404);
        given().auth().oauth2(other).delete("/v1/key-pairs/" + id).then().statusCode(404);
        given().auth().oauth2(other).get("/v1/key-pairs").then().body("key_pairs.size()", equalTo(0));

        given().auth().oauth2(member).delete("/v1/key-pairs/" + id).then().statusCode(204);
        given().auth().oauth2(member).get("/v1/key-pairs/" + id).then().statusCode(404);
        given().auth().oauth2(member).get("/v1/projects/kp-a/quotas").then().body("key_pairs.in_use", equalTo(1));
    }

    @Test
    void tenParallelCreatesAgainstAQuotaOfThreeMakeThree() throws Exception {
        String member = user("kp-quota", "member");
        given().auth().oauth2(Login.token("admin")).contentType(ContentType.JSON).body("{\"key_pairs\":3}")
                .put("/v1/projects/kp-quota/quotas").then().statusCode(200);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Response> responses = new ArrayList<>();
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int n = i;
                calls.add(() -> given().auth().oauth2(member).contentType(ContentType.JSON)
                        .body("{\"name\":\"k" + n + "\"}").post("/v1/key-pairs"));
            }
            for (Future<Response> f : pool.invokeAll(calls)) {
                responses.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(3, responses.stream().filter(r -> r.statusCode() == 201).count());
        responses.stream().filter(r -> r.statusCode() != 201).forEach(r -> {
            assertEquals(409, r.statusCode(), r.asString());
            assertEquals("key_pairs", r.path("field"));
        });
        given().auth().oauth2(member).get("/v1/projects/kp-quota/quotas").then()
                .body("key_pairs.in_use", equalTo(3)).body("key_pairs.limit", equalTo(3));
    }

    private String user(String projectName, String role) {
        Project project = directory.ensureProject(projectName, "test");
        String name = projectName + "-" + role;
        directory.ensureUser(name, "password-of-" + name);
        directory.assign(project.id, name, role);
        return Login.token(name, "password-of-" + name, projectName);
    }
}
