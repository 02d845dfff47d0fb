package dev.stratus.e2e;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults end in a consistent state: an agent killed while it spawns, a host whose agent is gone (UNKNOWN, then back),
 * a server past its TTL deleted with all it held although api-service restarted in between, the Kafka broker killed
 * while ten creates are in flight, and PostgreSQL down (503 problems, never 500, nothing lost or doubled).
 */
class FaultsE2ETest {
    private static final Duration BOOT = Duration.ofSeconds(120);
    private static final List<String> servers = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startStack() {
        Stack.upAsDemo();
    }

    @AfterAll
    static void cleanUp() {
        Guests.deleteAll(servers);
    }

    @Test
    void anAgentKilledWhileSpawningEndsWithExactlyOneRunningDomain() {
        String id = create(Map.of("name", "killed-spawn", "flavor", "m1.tiny", "image", "stratus-tiny"));
        await().atMost(BOOT).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                given().get("/v1/servers/" + id).then().body("task_state", anyOf(equalTo("spawning"), nullValue())));
        Stack.restart("compute-agent", true);
        await().atMost(BOOT).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().get("/v1/servers/" + id).then().body("status", equalTo("ACTIVE"))
                        .body("task_state", nullValue()));
        assertEquals("running", HostProbe.domainState(id).orElseThrow());
        String domains = HostProbe.exec("virsh", "-c", "qemu:///system", "list", "--all", "--uuid").out();
        assertEquals(1, domains.lines().filter(id::equals).count(), "exactly one domain: " + domains);
    }

    @Test
    void aSilentHostsServersAreUnknownUntilItsAgentIsBack() {
        String id = create(Map.of("name", "host-gone", "flavor", "m1.tiny", "image", "stratus-tiny"));
        await().atMost(BOOT).untilAsserted(() -> given().get("/v1/servers/" + id).then()
                .body("status", equalTo("ACTIVE")));
        Stack.kill("compute-agent");
        try {
            // the e2e stack allows 10 s of silence (Stack: STRATUS_API_HOST_DOWN_AFTER)
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    given().get("/v1/servers/" + id).then().body("status", equalTo("UNKNOWN")));
        } finally {
            Stack.restart("compute-agent", false);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().get("/v1/servers/" + id).then().body("status", equalTo("ACTIVE")));
        given().get("/v1/servers/" + id + "/actions").then().body("actions.action", hasItems("host-lost", "host-back"));
    }

    @Test
    void aServerPastItsTtlIsGoneWithAllItHeldAcrossAnApiServiceRestart() {
        String net = Guests.network("ttl-net", "10.82.0.0/24", null, null);
        long created = System.nanoTime();
        String id = create(Map.of("name", "ttl-vm", "flavor", "m1.tiny", "image", "stratus-tiny", "ttl_seconds", 30,
                "networks", List.of(Map.of("network", net))));
        await().atMost(BOOT).untilAsserted(() -> given().get("/v1/servers/" + id).then()
                .body("status", equalTo("ACTIVE")));
        given().get("/v1/ports?device_id=" + id).then().body("ports.size()", equalTo(1));
        Stack.restart("api-service", false);
        RestAssured.requestSpecification = new io.restassured.builder.RequestSpecBuilder()
                .addHeader("Authorization", "Bearer " + Stack.token()).build();
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().get("/v1/servers/" + id).then().statusCode(404));
        long seconds = Duration.ofNanos(System.nanoTime() - created).toSeconds();
        System.out.printf("server %s with a 30 s TTL gone after %d s (api-service restarted in between)%n", id,
                seconds);
        assertTrue(seconds <= 40, "gone within 40 s of its creation, took " + seconds);
        assertFalse(HostProbe.domainState(id).isPresent(), "the domain is gone");
        assertFalse(Files.exists(Stack.agentDir().resolve("instances/" + id)), "its files are gone");
        given().get("/v1/ports?device_id=" + id).then().body("ports.size()", equalTo(0));
        given().delete("/v1/networks/" + net).then().statusCode(204);
    }

    @Test
    void aBrokerRestartDuringTenParallelCreatesEndsWithTenActiveServersAndNoDuplicate() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        List<java.util.concurrent.Future<String>> creates = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String name = "broker-" + i;
            creates.add(pool.submit(() -> create(Map.of("name", name, "flavor", "m1.tiny", "image", "stratus-tiny"))));
        }
        List<String> ids = new ArrayList<>();
        for (var create : creates) {
            ids.add(create.get());
        }
        pool.shutdown();
        Stack.restart("kafka", true); // SIGKILL while the requests, placements and statuses are in flight
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (String id : ids) {
                given().get("/v1/servers/" + id).then().body("status", equalTo("ACTIVE"))
                        .body("task_state", nullValue());
            }
        });
        String domains = HostProbe.exec("virsh", "-c", "qemu:///system", "list", "--all", "--uuid").out();
        for (String id : ids) {
            assertEquals(1, domains.lines().filter(id::equals).count(), "one domain of " + id + ": " + domains);
            assertEquals("running", HostProbe.domainState(id).orElseThrow());
        }
        Guests.deleteAll(ids);
        servers.removeAll(ids);
    }

    @Test
    void aDatabaseOutageIsA503AndLosesNothing() {
        String id = create(Map.of("name", "db-outage", "flavor", "m1.tiny", "image", "stratus-tiny"));
        await().atMost(BOOT).untilAsserted(() -> given().get("/v1/servers/" + id).then()
                .body("status", equalTo("ACTIVE")));
        int before = given().get("/v1/servers").then().extract().path("servers.size()");
        Stack.stop("postgres");
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    given().get("/v1/servers/" + id).then().statusCode(503)
                            .contentType("application/problem+json").header("Retry-After", "5"));
            given().contentType(ContentType.JSON).body(Map.of("name", "during-outage", "flavor", "m1.tiny",
                    "image", "stratus-tiny")).post("/v1/servers").then().statusCode(503)
                    .contentType("application/problem+json");
            given().get("/v1/servers").then().statusCode(503);
        } finally {
            Stack.restart("postgres", false);
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().get("/v1/servers/" + id).then().statusCode(200).body("status", equalTo("ACTIVE")));
        given().get("/v1/servers").then().body("servers.size()", equalTo(before));
        given().get("/v1/servers?name=during-outage").then().body("servers.size()", equalTo(0));
        // every service is back, not only the reads: a create goes through image-service and network-service too
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                given().get("/v1/images?name=stratus-tiny").then().extract().statusCode() == 200
                        && given().get("/v1/networks").then().extract().statusCode() == 200);
        String after = create(Map.of("name", "after-outage", "flavor", "m1.tiny", "image", "stratus-tiny"));
        await().atMost(BOOT).untilAsserted(() -> given().get("/v1/servers/" + after).then()
                .body("status", equalTo("ACTIVE")));
    }

    private static String create(Map<String, Object> body) {
        String id = given().contentType(ContentType.JSON).body(body).post("/v1/servers").then().statusCode(202)
                .extract().path("id");
        servers.add(id);
        return id;
    }
}
