package dev.stratus.api;

import dev.stratus.api.identity.Directory;
import dev.stratus.api.identity.Project;
import dev.stratus.devinfra.StratusTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import dev.stratus.platform.idempotency.IdempotencyStore;
import dev.stratus.platform.problem.ApiException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Quotas hold under parallel creates; an Idempotency-Key makes parallel retries one server. */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServiceDouble.class, restrictToAnnotatedClass = false)
class QuotaAndIdempotencyTest {
    @Inject
    Directory directory;
    @Inject
    IdempotencyStore store;

    @BeforeEach
    void anonymous() {
        RestAssured.requestSpecification = null;
    }

    @Test
    void twentyParallelCreatesAgainstAQuotaOfFiveMakeExactlyFive() throws Exception {
        String member = memberOf("quota-race");
        String admin = Login.token("admin");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"instances\":5}")
                .put("/v1/projects/quota-race/quotas").then().statusCode(200).body("instances.limit", equalTo(5));

        List<Response> responses = parallel(20, i -> given().auth().oauth2(member).contentType(ContentType.JSON)
                .body("{\"name\":\"q" + i + "\",\"flavor\":\"m1.tiny\",\"image\":\"test-image\"}").post("/v1/servers"));
        long created = responses.stream().filter(r -> r.statusCode() == 202).count();
        List<Response> refused = responses.stream().filter(r -> r.statusCode() == 409).toList();
        assertEquals(5, created);
        assertEquals(15, refused.size());
        refused.forEach(r -> {
            assertEquals("application/problem+json", r.contentType());
            assertEquals("instances", r.path("field"));
        });
        given().auth().oauth2(member).get("/v1/projects/quota-race/quotas").then().statusCode(200)
                .body("instances.in_use", equalTo(5)).body("vcpus.in_use", equalTo(5))
                .body("ram_mb.in_use", equalTo(640)).body("images.limit", equalTo(20));

        // usage drops as soon as a delete is accepted: one more fits
        String id = responses.stream().filter(r -> r.statusCode() == 202).findFirst().orElseThrow().path("id");
        given().auth().oauth2(member).delete("/v1/servers/" + id).then().statusCode(202);
        given().auth().oauth2(member).contentType(ContentType.JSON)
                .body("{\"name\":\"q-after\",\"flavor\":\"m1.tiny\",\"image\":\"test-image\"}").post("/v1/servers")
                .then().statusCode(202);
    }

    @Test
    void tenParallelRequestsWithOneIdempotencyKeyMakeOneServer() throws Exception {
        String member = memberOf("idem-race");
        String body = "{\"name\":\"idem\",\"flavor\":\"m1.tiny\",\"image\":\"test-image\"}";
        List<Response> responses = parallel(10, i -> given().auth().oauth2(member).header("Idempotency-Key", "k-1")
                .contentType(ContentType.JSON).body(body).post("/v1/servers"));
        responses.forEach(r -> assertEquals(202, r.statusCode(), r.asString()));
        String id = responses.get(0).path("id");
        responses.forEach(r -> assertEquals(id, r.path("id")));
        given().auth().oauth2(member).get("/v1/servers").then().body("servers.size()", equalTo(1));

        given().auth().oauth2(member).header("Idempotency-Key", "k-1").contentType(ContentType.JSON)
                .body(body.replace("idem", "other")).post("/v1/servers").then().statusCode(409)
                .contentType("application/problem+json");
        // keys are per project: another project may use the same key
        given().auth().oauth2(memberOf("idem-other")).header("Idempotency-Key", "k-1").contentType(ContentType.JSON)
                .body(body).post("/v1/servers").then().statusCode(202);
    }

    @Test
    void aRetryGetsTheSameResponseAndAFailedFirstAttemptFreesTheKey() {
        String member = memberOf("idem-replay");
        String body = "{\"name\":\"again\",\"flavor\":\"m1.tiny\",\"image\":\"test-image\"}";
        Response first = given().auth().oauth2(member).header("Idempotency-Key", "r-1").contentType(ContentType.JSON)
                .body(body).post("/v1/servers");
        first.then().statusCode(202);
        // same meaning, other spacing and field order: the same request
        Response second = given().auth().oauth2(member).header("Idempotency-Key", "r-1").contentType(ContentType.JSON)
                .body("{ \"image\":\"test-image\", \"flavor\":\"m1.tiny\",\"name\":\"again\" }").post("/v1/servers");
        second.then().statusCode(202).header("Idempotent-Replayed", "true");
        assertEquals(first.asString(), second.asString());
        assertEquals(first.header("Location"), second.header("Location"));

        // a first attempt that fails (unknown flavor) keeps nothing: the key then serves a good request
        given().auth().oauth2(member).header("Idempotency-Key", "r-2").contentType(ContentType.JSON)
                .body(body.replace("m1.tiny", "m9.nope")).post("/v1/servers").then().statusCode(400);
        given().auth().oauth2(member).header("Idempotency-Key", "r-2").contentType(ContentType.JSON)
                .body(body.replace("again", "fixed")).post("/v1/servers").then().statusCode(202);
        given().auth().oauth2(member).header("Idempotency-Key", "").contentType(ContentType.JSON)
                .body(body).post("/v1/servers").then().statusCode(400).body("field", equalTo("Idempotency-Key"));
    }

    @Test
    void credentialsProjectsAndUsersTakeAKeyToo() {
        String member = memberOf("idem-creds");
        Response first = given().auth().oauth2(member).header("Idempotency-Key", "c-1").contentType(ContentType.JSON)
                .body("{\"name\":\"ci\"}").post("/v1/application-credentials");
        first.then().statusCode(201);
        given().auth().oauth2(member).header("Idempotency-Key", "c-1").contentType(ContentType.JSON)
                .body("{\"name\":\"ci\"}").post("/v1/application-credentials").then().statusCode(201)
                .body("id", equalTo(first.path("id"))).body("secret", equalTo(first.path("secret")));
        given().auth().oauth2(member).get("/v1/application-credentials").then()
                .body("application_credentials.size()", equalTo(1));
        given().auth().oauth2(member).header("Idempotency-Key", "c-1").contentType(ContentType.JSON)
                .body("{\"name\":\"cd\"}").post("/v1/application-credentials").then().statusCode(409)
                .contentType("application/problem+json").body("field", equalTo("Idempotency-Key"));
        // the table keeps neither the key nor the secret in clear
        long clear = ((Number) io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                io.quarkus.hibernate.orm.panache.Panache.getEntityManager().createNativeQuery(
                        "SELECT count(*) FROM api.idempotent_request WHERE key_hash = 'c-1' OR "
                                + "position(convert_to(?1, 'UTF8') in response) > 0")
                        .setParameter(1, (String) first.path("secret")).getSingleResult())).longValue();
        assertEquals(0, clear);

        String admin = Login.token("admin");
        Response project = given().auth().oauth2(admin).header("Idempotency-Key", "p-1").contentType(ContentType.JSON)
                .body("{\"name\":\"idem-made\"}").post("/v1/projects");
        project.then().statusCode(201);
        given().auth().oauth2(admin).header("Idempotency-Key", "p-1").contentType(ContentType.JSON)
                .body("{\"name\":\"idem-made\"}").post("/v1/projects").then().statusCode(201)
                .body("id", equalTo(project.path("id")));
        given().auth().oauth2(admin).header("Idempotency-Key", "u-1").contentType(ContentType.JSON)
                .body("{\"name\":\"idem-user\",\"password\":\"a-long-password-1\"}").post("/v1/users")
                .then().statusCode(201);
        given().auth().oauth2(admin).header("Idempotency-Key", "u-1").contentType(ContentType.JSON)
                .body("{\"name\":\"idem-user\",\"password\":\"a-long-password-1\"}").post("/v1/users")
                .then().statusCode(201).header("Idempotent-Replayed", "true");
    }

    @Test
    void aDuplicateWaitsBoundedlyForTheFirstAndAReleasedKeyIsFreeAgain() {
        IdempotencyStore.Claim claim = store.claim("store-test", "s-1", "hash-a").claim();
        long start = System.nanoTime();
        ApiException inProgress = assertThrows(ApiException.class,
                () -> store.claim("store-test", "s-1", "hash-a", Duration.ofMillis(300)));
        assertEquals(409, inProgress.toProblem().status());
        assertEquals("1", inProgress.headers().get("Retry-After"));
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos());
        // another request with the key: 409 at once, whether the first still runs or not
        assertEquals(409, assertThrows(ApiException.class,
                () -> store.claim("store-test", "s-1", "hash-b", Duration.ofSeconds(10))).toProblem().status());

        store.release(claim);
        IdempotencyStore.Claim again = store.claim("store-test", "s-1", "hash-b").claim();
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() ->
                store.complete(again, 201, "/v1/things/1", "{\"id\":1}"));
        IdempotencyStore.Stored replay = store.claim("store-test", "s-1", "hash-b").replay();
        assertEquals(new IdempotencyStore.Stored(201, "/v1/things/1", "{\"id\":1}"), replay);
        // a completion rolled back with its transaction leaves the key claimed, never done
        IdempotencyStore.Claim rolledBack = store.claim("store-test", "s-2", "hash-c").claim();
        assertThrows(RuntimeException.class, () -> io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .run(() -> {
                    store.complete(rolledBack, 201, null, "{}");
                    throw new IllegalStateException("create failed after storing its key");
                }));
        assertThrows(ApiException.class, () -> store.claim("store-test", "s-2", "hash-c", Duration.ofMillis(100)));
    }

    private String memberOf(String projectName) {
        Project project = directory.ensureProject(projectName, "test");
        directory.ensureUser(projectName + "-user", "password-of-" + projectName);
        directory.assign(project.id, projectName + "-user", "member");
        return Login.token(projectName + "-user", "password-of-" + projectName, projectName);
    }

    interface Request {
        Response send(int i);
    }

    private static List<Response> parallel(int n, Request request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                calls.add(() -> request.send(index));
            }
            List<Response> responses = new ArrayList<>();
            for (Future<Response> f : pool.invokeAll(calls)) {
                responses.add(f.get());
            }
            return responses;
        } finally {
            pool.shutdown();
        }
    }
}
