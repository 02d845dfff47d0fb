package dev.stratus.api;

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
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Quotas hold under parallel creates; an Idempotency-Key makes parallel retries one server. */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServiceDouble.class, restrictToAnnotatedClass = false)
class QuotaAndIdempotencyTest {
    @Inject
    Directory directory;

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
