package dev.stratus.image.rest;

import dev.stratus.contracts.FlavorSpec;
import dev.stratus.contracts.ImageRef;
import dev.stratus.contracts.InstanceDeleteRequested;
import dev.stratus.contracts.InstanceDeleted;
import dev.stratus.contracts.InstanceRequested;
import dev.stratus.contracts.InstanceStatusChanged;
import dev.stratus.contracts.Topics;
import dev.stratus.contracts.VmState;
import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.image.events.BootingInstances;
import dev.stratus.platform.events.EventPublisher;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An image an instance is booting from (learnt from the instance events on Kafka) cannot be deleted. */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
class ImageInUseTest {
    private static final FlavorSpec TINY = new FlavorSpec("m1.tiny", "m1.tiny", 1, 128, 1, null);

    @Inject
    BootingInstances booting;

    @BeforeEach
    void member() {
        Tokens.use(Tokens.MEMBER);
    }

    @Test
    void anImageIsInUseFromTheInstanceRequestUntilTheInstanceIsBuilt() {
        String image = image("booted-from");
        String kernel = image("its-kernel");
        String instance = UUID.randomUUID().toString();
        try (EventPublisher events = new EventPublisher(StratusTestInfra.bootstrapServers(), "image-in-use-test")) {
            events.publish(Topics.INSTANCE_REQUESTS, instance, new InstanceRequested(UUID.randomUUID().toString(),
                    InstanceRequested.VERSION, instance, Tokens.PROJECT, "vm", TINY, new ImageRef(image, kernel, null),
                    Instant.now()));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().delete("/v1/images/" + image)
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("detail", containsString("booting")).body("detail", containsString(instance)));
            given().delete("/v1/images/" + kernel).then().statusCode(409);

            events.publish(Topics.INSTANCE_STATUS, instance, new InstanceStatusChanged(UUID.randomUUID().toString(),
                    InstanceStatusChanged.VERSION, instance, "host-1", 1, VmState.ACTIVE, "RUNNING", null,
                    Instant.now()));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().delete("/v1/images/" + image).then().statusCode(204));
        given().delete("/v1/images/" + kernel).then().statusCode(204);
    }

    @Test
    void anImageStaysInUseThroughADeleteRequestUntilTheInstanceIsGone() throws InterruptedException {
        String image = image("deleted-while-booting");
        String instance = UUID.randomUUID().toString();
        try (EventPublisher events = new EventPublisher(StratusTestInfra.bootstrapServers(), "image-in-use-test")) {
            events.publish(Topics.INSTANCE_REQUESTS, instance, new InstanceRequested(UUID.randomUUID().toString(),
                    InstanceRequested.VERSION, instance, Tokens.PROJECT, "vm", TINY, new ImageRef(image, null, null),
                    Instant.now()));
            events.publish(Topics.INSTANCE_REQUESTS, instance, new InstanceDeleteRequested(
                    UUID.randomUUID().toString(), InstanceDeleteRequested.VERSION, instance, Tokens.PROJECT,
                    Instant.now()));
            // the host may still read the image: a requested delete, or its raw DELETED status, is not "gone"
            events.publish(Topics.INSTANCE_STATUS, instance, new InstanceStatusChanged(UUID.randomUUID().toString(),
                    InstanceStatusChanged.VERSION, instance, "host-1", 2, VmState.DELETED, "NOSTATE", null,
                    Instant.now()));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().delete("/v1/images/" + image)
                    .then().statusCode(409));
            Thread.sleep(2000);
            given().delete("/v1/images/" + image).then().statusCode(409);

            InstanceDeleted gone = new InstanceDeleted(UUID.randomUUID().toString(), InstanceDeleted.VERSION,
                    instance, Tokens.PROJECT, "host-1", Instant.now());
            events.publish(Topics.INSTANCE_LIFECYCLE, instance, gone);
            events.publish(Topics.INSTANCE_LIFECYCLE, instance, gone); // delivered twice
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().delete("/v1/images/" + image).then().statusCode(204));
    }

    @Test
    void anInstanceGoneBeforeItsRequestArrivesHoldsNoImage() {
        String image = UUID.randomUUID().toString();
        String instance = UUID.randomUUID().toString();
        booting.apply(new InstanceDeleted("g1", 1, instance, Tokens.PROJECT, null, Instant.now()));
        booting.apply(new InstanceRequested("g2", 1, instance, Tokens.PROJECT, "vm", TINY,
                new ImageRef(image, null, null), Instant.now()));
        assertTrue(booting.of(image, Duration.ofHours(1)).isEmpty(), "the late request is not a boot");
    }

    @Test
    void aRequestArrivingAfterTheInstanceFinishedDoesNotHoldTheImage() {
        String image = UUID.randomUUID().toString();
        String late = UUID.randomUUID().toString();
        booting.apply(new InstanceStatusChanged("e1", 1, late, "host-1", 1, VmState.ERROR, "SHUTOFF", "boom",
                Instant.now()));
        booting.apply(new InstanceRequested("e2", 1, late, Tokens.PROJECT, "vm", TINY, new ImageRef(image, null, null),
                Instant.now()));
        assertTrue(booting.of(image, Duration.ofHours(1)).isEmpty(), "the late request is not a boot");

        String building = UUID.randomUUID().toString();
        booting.apply(new InstanceRequested("e3", 1, building, Tokens.PROJECT, "vm", TINY,
                new ImageRef(image, null, null), Instant.now()));
        booting.apply(new InstanceRequested("e3", 1, building, Tokens.PROJECT, "vm", TINY,
                new ImageRef(image, null, null), Instant.now())); // redelivered
        assertEquals(java.util.List.of(building), booting.of(image, Duration.ofHours(1)));
        booting.apply(new InstanceStatusChanged("e4", 1, building, "host-1", 1, VmState.BUILDING, "NOSTATE", null,
                Instant.now()));
        assertEquals(1, booting.of(image, Duration.ofHours(1)).size(), "still building");
        assertTrue(booting.of(image, Duration.ZERO).isEmpty(), "a mark older than the timeout no longer counts");
    }

    private static String image(String name) {
        return given().contentType(ContentType.JSON).body(Map.of("name", name, "disk_format", "raw",
                "container_format", "bare")).post("/v1/images").then().statusCode(201).extract().path("id");
    }
}
