package dev.stratus.e2e;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every power action on a real VM, checked in libvirt as well as in the API; a domain destroyed behind Stratus' back
 * is started again and the history says so; a guest that powers itself off ends STOPPED, or gone under
 * {@code shutdown_behavior: delete}.
 */
class LifecycleE2ETest {
    private static final Duration BOOT = Duration.ofSeconds(90);
    private static final Duration ACTION = Duration.ofSeconds(90);
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
    void everyPowerActionChangesTheDomainAndTheStatus() {
        String id = active("power-vm", null);
        int boots = markers(id);

        act(id, "stop", Map.of());
        awaitState(id, "STOPPED");
        assertEquals("shut off", HostProbe.domainState(id).orElseThrow());

        act(id, "start", Map.of());
        awaitState(id, "ACTIVE");
        assertEquals("running", HostProbe.domainState(id).orElseThrow());
        await().atMost(BOOT).until(() -> markers(id) > boots);

        int beforeReboot = markers(id);
        act(id, "reboot", Map.of("type", "hard"));
        awaitState(id, "ACTIVE");
        await().atMost(BOOT).until(() -> markers(id) > beforeReboot); // the guest booted again

        act(id, "pause", Map.of());
        awaitState(id, "PAUSED");
        assertEquals("paused", HostProbe.domainState(id).orElseThrow());
        act(id, "unpause", Map.of());
        awaitState(id, "ACTIVE");
        assertEquals("running", HostProbe.domainState(id).orElseThrow());

        int beforeSuspend = markers(id);
        act(id, "suspend", Map.of());
        awaitState(id, "SUSPENDED");
        assertEquals("shut off", HostProbe.domainState(id).orElseThrow());
        assertTrue(HostProbe.exec("virsh", "-c", "qemu:///system", "dominfo", id).out()
                .matches("(?s).*Managed save:\\s+yes.*"), "the guest's memory is saved on the host");
        act(id, "resume", Map.of());
        awaitState(id, "ACTIVE");
        assertEquals("running", HostProbe.domainState(id).orElseThrow());
        assertEquals(beforeSuspend, markers(id), "a resumed guest continues: it does not boot again");

        act(id, "stop", Map.of("force", true));
        awaitState(id, "STOPPED");
        assertEquals("shut off", HostProbe.domainState(id).orElseThrow());

        given().get("/v1/servers/" + id + "/actions").then().statusCode(200)
                .body("actions.action", equalTo(List.of("create", "stop", "start", "reboot", "pause", "unpause",
                        "suspend", "resume", "stop")))
                .body("actions.result", equalTo(java.util.Collections.nCopies(9, "success")));
        // an action the state does not allow
        given().contentType(ContentType.JSON).body("{}").post("/v1/servers/" + id + "/actions/pause").then()
                .statusCode(409).body("vm_state", equalTo("STOPPED"));
    }

    @Test
    void aDomainDestroyedBehindOurBackRunsAgainAndTheHistorySaysSo() {
        String id = active("destroyed-vm", null);
        assertEquals(0, HostProbe.exec("virsh", "-c", "qemu:///system", "destroy", id).code());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            assertEquals("running", HostProbe.domainState(id).orElseThrow());
            given().get("/v1/servers/" + id + "/actions").then().body("actions.action", hasItem("restart"));
        });
        given().get("/v1/servers/" + id).then().body("status", equalTo("ACTIVE"));
    }

    @Test
    void aGuestThatPowersItselfOffIsStoppedOrDeletedAsItsServerAsks() {
        String net = Guests.network("lifecycle-net", "10.81.0.0/24", null, null);
        String group = Guests.group("lifecycle-probe", List.of(Map.of("protocol", "tcp", "port_range_min", 7,
                "port_range_max", 7, "ethertype", "IPv4")));
        String keep = Guests.server("poweroff-stop", net, group);
        servers.add(keep);
        String ip = Guests.address(keep);
        assertEquals("STRATUS-PROBE poweroff ok", Guests.probe(net, ip, "poweroff"));
        awaitState(keep, "STOPPED");
        assertEquals("shut off", HostProbe.domainState(keep).orElseThrow());
        given().get("/v1/servers/" + keep + "/actions").then().body("actions.action", hasItem("guest-shutdown"));
        act(keep, "start", Map.of());
        awaitState(keep, "ACTIVE");

        String port = Guests.created("/v1/ports", Map.of("network_id", net, "security_groups", List.of(group)));
        String ci = given().contentType(ContentType.JSON).body(Map.of("name", "ci-job", "flavor", "m1.tiny",
                        "image", "stratus-tiny", "shutdown_behavior", "delete", "networks", List.of(Map.of("port", port))))
                .post("/v1/servers").then().statusCode(202).body("shutdown_behavior", equalTo("delete"))
                .extract().path("id");
        servers.add(ci);
        String ciIp = Guests.address(ci);
        assertEquals("STRATUS-PROBE poweroff ok", Guests.probe(net, ciIp, "poweroff"));
        await().atMost(ACTION).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().get("/v1/servers/" + ci).then().statusCode(404));
        assertFalse(HostProbe.domainState(ci).isPresent(), "the domain is gone");
        assertFalse(java.nio.file.Files.exists(Stack.agentDir().resolve("instances/" + ci)), "its files are gone");
    }

    private static String active(String name, String shutdownBehavior) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "flavor", "m1.tiny",
                "image", "stratus-tiny"));
        if (shutdownBehavior != null) {
            body.put("shutdown_behavior", shutdownBehavior);
        }
        String id = given().contentType(ContentType.JSON).body(body).post("/v1/servers").then().statusCode(202)
                .extract().path("id");
        servers.add(id);
        awaitState(id, "ACTIVE");
        await().atMost(BOOT).until(() -> markers(id) > 0);
        // ACPI (the stop below) reaches a guest that watches its power button; a press before that is lost
        await().atMost(BOOT).until(() -> given().get("/v1/servers/" + id + "/console").then().extract().asString()
                .contains("STRATUS-ACPI-READY"));
        return id;
    }

    private static void act(String id, String action, Map<String, Object> options) {
        given().contentType(ContentType.JSON).body(options).post("/v1/servers/" + id + "/actions/" + action)
                .then().statusCode(202).header("X-Request-Id", containsString("req-"));
    }

    /** Waits until the server is in {@code status} with no task in flight. */
    private static void awaitState(String id, String status) {
        await().atMost(ACTION).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().get("/v1/servers/" + id).then().statusCode(200).body("status", equalTo(status))
                        .body("task_state", nullValue()));
    }

    /** How many times the guest printed its boot marker on the console. */
    private static int markers(String id) {
        String console = given().get("/v1/servers/" + id + "/console").then().extract().asString();
        return console.split("STRATUS-GUEST-UP " + id, -1).length - 1;
    }
}
