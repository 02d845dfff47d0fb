package dev.stratus.scheduler;

import dev.stratus.devinfra.TestTokens;
import dev.stratus.contracts.FlavorSpec;
import dev.stratus.contracts.HostReport;
import dev.stratus.contracts.ImageRef;
import dev.stratus.contracts.InstanceRequested;
import dev.stratus.contracts.Topics;
import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.platform.events.EventPublisher;
import io.restassured.path.json.JsonPath;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;

/**
 * What the integration tests share: a publisher to the test broker, unique names, events as the other services
 * send them, and polling of the scheduler's REST view. Other tests share the topics and the database, so every
 * test uses its own host names and instance ids.
 */
public final class Fixtures {
    private static EventPublisher publisher;

    private Fixtures() {
    }

    public static synchronized EventPublisher publisher() {
        if (publisher == null) {
            publisher = new EventPublisher(StratusTestInfra.bootstrapServers(), "scheduler-tests");
        }
        return publisher;
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static FlavorSpec flavor(String name, int vcpus, int ramMb, int diskGb) {
        return new FlavorSpec("flavor-" + name, name, vcpus, ramMb, diskGb, null);
    }

    public static void reportHost(String host, int vcpus, long ramMb, long diskGb) {
        publisher().publish(Topics.HOST_REPORTS, host, new HostReport(UUID.randomUUID().toString(),
                HostReport.VERSION, host, agentUrl(host), vcpus, ramMb, diskGb, "qemu", List.of(), Instant.now()));
    }

    public static String agentUrl(String host) {
        return "http://" + host + ".test:8082";
    }

    public static InstanceRequested request(String instanceId, FlavorSpec flavor) {
        return new InstanceRequested(UUID.randomUUID().toString(), InstanceRequested.VERSION, instanceId,
                "project-1", "vm-" + instanceId, flavor, new ImageRef("image-1", null, null), Instant.now());
    }

    public static void send(InstanceRequested request) {
        publisher().publish(Topics.INSTANCE_REQUESTS, request.instanceId(), request);
    }

    /** The host as {@code GET /v1/scheduler/hosts/{name}} shows it, once it satisfies the condition. */
    public static JsonPath awaitHost(String host, Predicate<JsonPath> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonPath last = null;
        while (System.nanoTime() < deadline) {
            var response = given().auth().oauth2(TestTokens.admin("admin")).get("/v1/scheduler/hosts/{name}", host);
            if (response.statusCode() == 200) {
                last = response.jsonPath();
                if (condition.test(last)) {
                    return last;
                }
            }
            sleep(100);
        }
        throw new AssertionError("host " + host + " never satisfied the condition; last seen: "
                + (last == null ? "absent" : last.prettify()));
    }

    public static JsonPath awaitHost(String host) {
        return awaitHost(host, h -> true);
    }

    public static Map<String, Object> hostJson(String host) {
        return given().auth().oauth2(TestTokens.admin("admin")).get("/v1/scheduler/hosts/{name}", host).then().statusCode(200).extract().jsonPath().getMap("");
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
