package dev.stratus.e2e;

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
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every power action on a real VM, checked in libvirt as well as in the API; a domain destroyed behind Stratus' back
 * is started again and the history says so; a guest that powers itself off ends STOPPED, or gone under
 * {@code shutdown_behavior: delete}.
 */
class LifecycleE2ETest {
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
        String id = Servers.active("power-vm", Map.of(), servers);
        int boots = Servers.markers(id);

        Servers.act(id, "stop", Map.of());
        Servers.awaitState(id, "STOPPED");
        assertEquals("shut off", HostProbe.domainState(id).orElseThrow());

        Servers.act(id, "start", Map.of());
        Servers.awaitState(id, "ACTIVE");
        assertEquals("running", HostProbe.domainState(id).orElseThrow());
        await().atMost(Servers.BOOT).until(() -> Servers.markers(id) > boots);

        int beforeReboot = Servers.markers(id);
        Servers.act(id, "reboot", Map.of("type", "hard"));
        Servers.awaitState(id, "ACTIVE");
        await().atMost(Servers.BOOT).until(() -> Servers.markers(id) > beforeReboot); // the guest booted again

        Servers.act(id, "pause", Map.of());
        Servers.awaitState(id, "PAUSED");
        assertEquals("paused", HostProbe.domainState(id).orElseThrow());
        Servers.act(id, "unpause", Map.of());
        Servers.awaitState(id, "ACTIVE");
        assertEquals("running", HostProbe.domainState(id).orElseThrow());

        int beforeSuspend = Servers.markers(id);
        Servers.act(id, "suspend", Map.of());
        Servers.awaitState(id, "SUSPENDED");
        assertEquals("shut off", HostProbe.domainState(id).orElseThrow());
        assertTrue(HostProbe.exec("virsh", "-c", "qemu:///system", "dominfo", id).out()
                .matches("(?s).*Managed save:\\s+yes.*"), "the guest's memory is saved on the host");
        Servers.act(id, "resume", Map.of());
        Servers.awaitState(id, "ACTIVE");
        assertEquals("running", HostProbe.domainState(id).orElseThrow());
        assertEquals(beforeSuspend, Servers.markers(id), "a resumed guest continues: it does not boot again");

        Servers.act(id, "stop", Map.of("force", true));
        Servers.awaitState(id, "STOPPED");
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
        String id = Servers.active("destroyed-vm", Map.of(), servers);
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
        Servers.awaitState(keep, "STOPPED");
        assertEquals("shut off", HostProbe.domainState(keep).orElseThrow());
        given().get("/v1/servers/" + keep + "/actions").then().body("actions.action", hasItem("guest-shutdown"));
        Servers.act(keep, "start", Map.of());
        Servers.awaitState(keep, "ACTIVE");

        String port = Guests.created("/v1/ports", Map.of("network_id", net, "security_groups", List.of(group)));
        String ci = given().contentType(ContentType.JSON).body(Map.of("name", "ci-job", "flavor", "m1.tiny",
                        "image", "stratus-tiny", "shutdown_behavior", "delete", "networks", List.of(Map.of("port", port))))
                .post("/v1/servers").then().statusCode(202).body("shutdown_behavior", equalTo("delete"))
                .extract().path("id");
        servers.add(ci);
        String ciIp = Guests.address(ci);
        assertEquals("STRATUS-PROBE poweroff ok", Guests.probe(net, ciIp, "poweroff"));
        await().atMost(Servers.ACTION).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().get("/v1/servers/" + ci).then().statusCode(404));
        assertFalse(HostProbe.domainState(ci).isPresent(), "the domain is gone");
        assertFalse(java.nio.file.Files.exists(Stack.agentDir().resolve("instances/" + ci)), "its files are gone");
    }




}
