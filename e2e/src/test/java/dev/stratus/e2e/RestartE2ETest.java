package dev.stratus.e2e;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The control plane is the source of desired state: after {@code ./stratus down} and {@code ./stratus up} (every
 * domain and instance file removed) and after the agent's state directory is wiped, every server's status is true
 * again — running ones run, stopped ones are stopped — and none is ACTIVE without a running domain.
 */
class RestartE2ETest {
    private static final Duration CONVERGE = Duration.ofSeconds(180);
    private static final List<String> servers = new ArrayList<>();

    @BeforeAll
    static void startStack() {
        Stack.upAsDemo();
    }

    @AfterAll
    static void cleanUp() {
        Guests.deleteAll(servers);
    }

    @Test
    void downAndUpLeaveEveryStatusTrue() {
        String running = active("kept-running");
        String stopped = active("kept-stopped");
        given().contentType(ContentType.JSON).body("{\"force\":true}").post("/v1/servers/" + stopped
                + "/actions/stop").then().statusCode(202);
        await().atMost(CONVERGE).untilAsserted(() -> given().get("/v1/servers/" + stopped).then()
                .body("status", equalTo("STOPPED")).body("task_state", nullValue()));

        Stack.run("down", 120);
        assertTrue(HostProbe.domainState(running).isEmpty(), "./stratus down removed the domain");
        Stack.run("up", 900);

        await().atMost(CONVERGE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            given().get("/v1/servers/" + running).then().body("status", equalTo("ACTIVE"));
            assertEquals("running", HostProbe.domainState(running).orElse("none"));
            given().get("/v1/servers/" + stopped).then().body("status", equalTo("STOPPED"));
            assertEquals("shut off", HostProbe.domainState(stopped).orElse("none"));
            // the agent records the rebuild after the domain runs: its report can reach api-service a moment later
            given().get("/v1/servers/" + running + "/actions").then().body("actions.action", hasItem("rebuild"));
        });
        await().atMost(CONVERGE).until(() -> given().get("/v1/servers/" + running + "/console").then().extract()
                .asString().contains("STRATUS-GUEST-UP " + running));
    }

    @Test
    void aWipedAgentStateDirectoryLeavesNoServerActiveWithoutADomain() {
        String id = active("wiped");
        Stack.kill("compute-agent");
        wipe(Stack.agentDir().resolve("instances"));
        Stack.restart("compute-agent", false);
        await().atMost(CONVERGE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (Map<String, Object> server : given().get("/v1/servers").then().extract().jsonPath()
                    .<Map<String, Object>>getList("servers")) {
                String sid = (String) server.get("id");
                String status = (String) server.get("status");
                if ("ACTIVE".equals(status)) {
                    assertEquals("running", HostProbe.domainState(sid).orElse("none"), sid + " is ACTIVE");
                } else {
                    assertTrue(List.of("STOPPED", "ERROR").contains(status) && (!"ERROR".equals(status)
                            || server.get("fault") != null), sid + " is " + status + " (" + server.get("fault") + ")");
                }
            }
            given().get("/v1/servers/" + id).then().body("status", equalTo("ACTIVE"));
        });
    }

    private static String active(String name) {
        String id = given().contentType(ContentType.JSON).body(Map.of("name", name, "flavor", "m1.tiny",
                "image", "stratus-tiny")).post("/v1/servers").then().statusCode(202).extract().path("id");
        servers.add(id);
        await().atMost(CONVERGE).untilAsserted(() -> given().get("/v1/servers/" + id).then()
                .body("status", equalTo("ACTIVE")).body("task_state", nullValue()));
        return id;
    }

    private static void wipe(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            tree.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
