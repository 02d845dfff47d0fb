package dev.stratus.api;

import dev.stratus.api.service.ServerExpiry;
import dev.stratus.contracts.InstanceDeleteRequested;
import dev.stratus.contracts.Topics;
import dev.stratus.devinfra.StratusTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lifetimes of throwaway servers: a TTL on create, a PATCH that extends or clears it, the project's default and
 * maximum, and the sweeper that deletes a server past its time (action {@code expire}) exactly once.
 */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServiceDouble.class, restrictToAnnotatedClass = false)
class ServerExpiryTest {
    @Inject
    ServerExpiry expiry;

    @BeforeEach
    void authenticate() {
        Login.as("demo");
    }

    @AfterEach
    void noProjectLimits() {
        RestAssured.requestSpecification = null;
        given().auth().oauth2(Login.token("admin")).contentType(ContentType.JSON).body("{}")
                .put("/v1/projects/demo/server-ttl").then().statusCode(200);
    }

    @Test
    void aServerPastItsTimeIsDeletedOnceWithinSeconds() {
        try (EventProbe requests = new EventProbe(StratusTestInfra.bootstrapServers(), Topics.INSTANCE_REQUESTS)) {
            String id = create("{\"name\":\"ttl-1\",\"flavor\":\"m1.tiny\",\"image\":\"test-image\",\"ttl_seconds\":2}");
            OffsetDateTime expiresAt = OffsetDateTime.parse(given().get("/v1/servers/" + id).then()
                    .body("expires_at", notNullValue()).extract().path("expires_at"));
            assertTrue(expiresAt.isAfter(OffsetDateTime.now(ZoneOffset.UTC)), "expires in the future");
            InstanceDeleteRequested delete = requests.await(InstanceDeleteRequested.class,
                    e -> e.instanceId().equals(id), Duration.ofSeconds(15));
            long late = Duration.between(expiresAt.toInstant(), delete.requestedAt()).toMillis();
            assertTrue(late >= 0 && late < 5_000, "deletion starts within 5 s of the time, was " + late + " ms");
            given().get("/v1/servers/" + id).then().body("task_state", equalTo("deleting"));
            given().get("/v1/servers/" + id + "/actions").then().body("actions.action", hasItem("expire"))
                    .body("actions.find { it.action == 'expire' }.user_id", nullValue());
            assertEquals(0, expiry.sweep(), "a server being deleted is not expired twice");
        }
    }

    @Test
    void patchExtendsOrClearsTheTimeAndRefusesBadValues() {
        String id = create("{\"name\":\"ttl-2\",\"flavor\":\"m1.tiny\",\"image\":\"test-image\",\"ttl_seconds\":600}");
        given().contentType("application/merge-patch+json").body("{\"ttl_seconds\":7200}")
                .patch("/v1/servers/" + id).then().statusCode(200).body("expires_at", notNullValue());
        given().contentType(ContentType.JSON).body("{\"expires_at\":null,\"name\":\"ttl-2b\"}")
                .patch("/v1/servers/" + id).then().statusCode(200).body("expires_at", nullValue())
                .body("name", equalTo("ttl-2b"));
        given().contentType(ContentType.JSON).body("{\"expires_at\":\"2001-01-01T00:00:00Z\"}")
                .patch("/v1/servers/" + id).then().statusCode(400).body("field", equalTo("expires_at"));
        given().contentType(ContentType.JSON).body("{\"expires_at\":\"tomorrow\"}")
                .patch("/v1/servers/" + id).then().statusCode(400).body("field", equalTo("expires_at"));
        given().contentType(ContentType.JSON).body("{\"ttl_seconds\":0}")
                .patch("/v1/servers/" + id).then().statusCode(400).body("field", equalTo("ttl_seconds"));
        given().contentType(ContentType.JSON).body("{\"name\":12345}")
                .patch("/v1/servers/" + id).then().statusCode(400).body("field", equalTo("name"));
        given().contentType(ContentType.JSON).body("{\"vcpus\":64}")
                .patch("/v1/servers/" + id).then().statusCode(400).body("field", equalTo("vcpus"));
        given().contentType(ContentType.JSON).body("{\"name\":\"x\",\"flavor\":\"m1.tiny\",\"image\":\"test-image\","
                + "\"ttl_seconds\":60,\"expires_at\":\"2099-01-01T00:00:00Z\"}").post("/v1/servers").then()
                .statusCode(400).body("field", equalTo("ttl_seconds"));
        given().get("/v1/servers/" + id).then().body("expires_at", nullValue()).body("name", equalTo("ttl-2b"));
    }

    @Test
    void theProjectsDefaultAndMaximumApply() {
        RestAssured.requestSpecification = null;
        String admin = Login.token("admin");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"default_ttl_seconds\":7200,\"max_ttl_seconds\":3600}").put("/v1/projects/demo/server-ttl")
                .then().statusCode(400).body("field", equalTo("default_ttl_seconds"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"default_ttl_seconds\":600,\"max_ttl_seconds\":3600}").put("/v1/projects/demo/server-ttl")
                .then().statusCode(200).body("default_ttl_seconds", equalTo(600));
        Login.as("demo");
        given().get("/v1/projects/demo/server-ttl").then().statusCode(200).body("max_ttl_seconds", equalTo(3600));
        given().contentType(ContentType.JSON).body("{\"max_ttl_seconds\":1}").put("/v1/projects/demo/server-ttl")
                .then().statusCode(403);

        String id = create("{\"name\":\"ttl-3\",\"flavor\":\"m1.tiny\",\"image\":\"test-image\"}");
        OffsetDateTime expiresAt = OffsetDateTime.parse(given().get("/v1/servers/" + id).then().extract()
                .path("expires_at"));
        long ttl = Duration.between(OffsetDateTime.now(ZoneOffset.UTC), expiresAt).toSeconds();
        assertTrue(ttl > 500 && ttl <= 600, "the project's default TTL, was " + ttl);
        given().contentType(ContentType.JSON).body("{\"ttl_seconds\":7200}").patch("/v1/servers/" + id).then()
                .statusCode(400).body("detail", containsString("at most 3600 s"));
        given().contentType(ContentType.JSON).body("{\"expires_at\":null}").patch("/v1/servers/" + id).then()
                .statusCode(400).body("field", equalTo("expires_at"));
        given().contentType(ContentType.JSON).body("{\"name\":\"x\",\"flavor\":\"m1.tiny\",\"image\":\"test-image\","
                + "\"ttl_seconds\":7200}").post("/v1/servers").then().statusCode(400);
    }

    private static String create(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/servers").then().statusCode(202)
                .extract().path("id");
    }
}
