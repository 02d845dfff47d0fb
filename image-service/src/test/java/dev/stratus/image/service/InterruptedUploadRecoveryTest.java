package dev.stratus.image.service;

import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.image.model.ImageStatus;
import dev.stratus.image.store.ImageRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** What start-up does after a crash in the middle of an upload. */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
class InterruptedUploadRecoveryTest {
    @org.junit.jupiter.api.BeforeEach
    void authenticate() {
        dev.stratus.image.rest.Tokens.use(dev.stratus.image.rest.Tokens.MEMBER);
    }

    @Inject
    InterruptedUploadRecovery recovery;
    @Inject
    ImageRepository images;

    @Test
    void imageStuckInSavingIsKilledAndItsTemporaryFileDeleted() throws Exception {
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("name", "crashed", "disk_format", "raw", "container_format", "bare"))
                .post("/v1/images").then().statusCode(201).extract().path("id");
        QuarkusTransaction.requiringNew().run(() ->
                images.transition(UUID.fromString(id), ImageStatus.QUEUED, ImageStatus.SAVING));
        Path leftover = Files.writeString(Path.of("target/image-store/tmp", UUID.randomUUID() + ".part"), "half");

        recovery.recover();

        given().get("/v1/images/" + id).then().body("status", equalTo("killed"));
        assertFalse(Files.exists(leftover));
    }
}
