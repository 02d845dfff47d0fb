package dev.stratus.e2e;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Resize and rebuild on real VMs, checked in libvirt, in the disk files, in the scheduler's allocation and in the
 * quota as well as in the API: a resize grows vCPUs, memory and disk and waits for confirmation; a revert gives the
 * old flavor and the old disk back; a rebuild gives a new root disk and keeps the server's MAC and address.
 */
class ResizeE2ETest {
    private static final Duration BOOT = Duration.ofSeconds(90);
    private static final Duration ACTION = Duration.ofSeconds(120);
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
    void aResizeGrowsTheDomainAndItsDiskAndConfirmKeepsIt() {
        String id = active("resize-vm");
        int boots = markers(id);
        String disk = rootDisk(id);
        assertEquals(1L << 30, virtualSize(disk));

        act(id, "resize", Map.of("flavor", "m1.medium"));
        awaitState(id, "VERIFY_RESIZE");
        assertEquals("running", HostProbe.domainState(id).orElseThrow());
        String info = HostProbe.exec("virsh", "-c", "qemu:///system", "dominfo", id).out();
        assertTrue(info.matches("(?s).*CPU\\(s\\):\\s+2\\n.*"), info);
        assertTrue(info.matches("(?s).*Max memory:\\s+524288 KiB.*"), info);
        assertEquals(4L << 30, virtualSize(rootDisk(id)));
        await().atMost(BOOT).until(() -> markers(id) > boots); // the guest came back up on the new size
        allocation(id, 2, 512, 4);

        act(id, "confirm-resize", Map.of());
        awaitState(id, "ACTIVE");
        given().get("/v1/servers/" + id).then().body("flavor.id", equalTo("m1.medium"))
                .body("resize_from", nullValue());
        allocation(id, 2, 512, 4);
        given().get("/v1/servers/" + id + "/actions").then()
                .body("actions.action", equalTo(List.of("create", "resize", "confirm-resize")))
                .body("actions.result", equalTo(List.of("success", "success", "success")));
        // smaller disk: a 400 that changes nothing
        given().contentType(ContentType.JSON).body(Map.of("flavor", "m1.tiny"))
                .post("/v1/servers/" + id + "/actions/resize").then().statusCode(400).body("field", equalTo("flavor"));
    }

    @Test
    void aRevertGivesTheOldFlavorAndTheOldDiskBack() {
        String id = active("revert-vm");
        String disk = rootDisk(id);
        String before = checksum(disk);

        act(id, "resize", Map.of("flavor", "m1.small"));
        awaitState(id, "VERIFY_RESIZE");
        assertEquals(2L << 30, virtualSize(rootDisk(id)));
        allocation(id, 1, 256, 2);

        act(id, "revert-resize", Map.of());
        awaitState(id, "ACTIVE");
        given().get("/v1/servers/" + id).then().body("flavor.id", equalTo("m1.tiny")).body("ram_mb", equalTo(128));
        String info = HostProbe.exec("virsh", "-c", "qemu:///system", "dominfo", id).out();
        assertTrue(info.matches("(?s).*Max memory:\\s+131072 KiB.*"), info);
        assertEquals(1L << 30, virtualSize(rootDisk(id)));
        allocation(id, 1, 128, 1);
        assertEquals("running", HostProbe.domainState(id).orElseThrow());
        assertEquals(before, checksum(rootDisk(id)), "the old disk is back, byte for byte");
    }

    @Test
    void aRebuildGivesANewRootDiskAndKeepsTheMacAndTheAddress() {
        String net = Guests.network("rebuild-net", "10.82.0.0/24", null, null);
        String group = Guests.group("rebuild-ping", List.of(Map.of("protocol", "icmp", "ethertype", "IPv4")));
        String id = Guests.server("rebuild-vm", net, group);
        servers.add(id);
        String ip = Guests.address(id);
        String mac = mac(id);
        await().atMost(BOOT).until(() -> given().get("/v1/servers/" + id + "/console").then().extract().asString()
                .contains("STRATUS-ACPI-READY"));

        // the test guest never writes its disk: write into it (stopped), so that a new disk shows
        act(id, "stop", Map.of());
        awaitState(id, "STOPPED");
        String disk = rootDisk(id);
        HostProbe.Result written = HostProbe.exec("qemu-io", "-f", "qcow2", "-c", "write -P 0x5a 0 64k", disk);
        assertEquals(0, written.code(), written.out());
        String before = checksum(disk);

        act(id, "rebuild", Map.of("image", "stratus-tiny"));
        awaitState(id, "STOPPED"); // a stopped server is rebuilt stopped
        assertNotEquals(before, checksum(rootDisk(id)), "a rebuilt server has a new root disk");
        int leases = count(id, "STRATUS-NET " + ip);
        act(id, "start", Map.of());
        awaitState(id, "ACTIVE");
        assertEquals(mac, mac(id));
        given().get("/v1/ports?device_id=" + id).then().body("ports[0].fixed_ips[0].ip_address", equalTo(ip));
        try { // the guest booted again from its new disk and got its address again by DHCP
            await().atMost(Guests.BOOT).pollInterval(Duration.ofMillis(500)).until(() -> count(id, "STRATUS-NET " + ip)
                    > leases);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the rebuilt server printed no new STRATUS-NET " + ip + "; "
                    + Guests.whyNoNetwork(id), e);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Guests.ping(net, ip));
        given().get("/v1/servers/" + id + "/actions").then()
                .body("actions.action", equalTo(List.of("create", "stop", "rebuild", "start")))
                .body("actions.result", equalTo(List.of("success", "success", "success", "success")));
    }

    private static String active(String name) {
        String id = given().contentType(ContentType.JSON).body(Map.of("name", name, "flavor", "m1.tiny",
                "image", "stratus-tiny")).post("/v1/servers").then().statusCode(202).extract().path("id");
        servers.add(id);
        awaitState(id, "ACTIVE");
        await().atMost(BOOT).until(() -> markers(id) > 0);
        // the resize shuts the guest down by ACPI first: a guest that does not watch its button yet waits the grace
        await().atMost(BOOT).until(() -> given().get("/v1/servers/" + id + "/console").then().extract().asString()
                .contains("STRATUS-ACPI-READY"));
        return id;
    }

    private static void act(String id, String action, Map<String, Object> options) {
        given().contentType(ContentType.JSON).body(options).post("/v1/servers/" + id + "/actions/" + action)
                .then().statusCode(202);
    }

    private static void awaitState(String id, String status) {
        await().atMost(ACTION).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().get("/v1/servers/" + id).then().statusCode(200).body("status", equalTo(status))
                        .body("task_state", nullValue()));
    }

    private static void allocation(String id, int vcpus, int ramMb, int diskGb) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(Stack.adminToken())
                .get("http://localhost:" + Stack.SCHEDULER_PORT + "/v1/scheduler/allocations/" + id).then()
                .statusCode(200).body("vcpus", equalTo(vcpus)).body("ram_mb", equalTo(ramMb))
                .body("disk_gb", equalTo(diskGb)));
    }

    private static int markers(String id) {
        return count(id, "STRATUS-GUEST-UP " + id);
    }

    /** How often the guest printed {@code line} on its console. */
    private static int count(String id, String line) {
        String console = given().get("/v1/servers/" + id + "/console").then().extract().asString();
        return console.split(Pattern.quote(line), -1).length - 1;
    }

    /** The file of the domain's first disk (its root disk), as libvirt has it. */
    private static String rootDisk(String id) {
        String list = HostProbe.exec("virsh", "-c", "qemu:///system", "domblklist", id).out();
        Matcher m = Pattern.compile("(?m)^\\s*(vd\\w|sd\\w|hd\\w)\\s+(/\\S+)").matcher(list);
        assertTrue(m.find(), list);
        return m.group(2);
    }

    private static long virtualSize(String file) {
        String json = HostProbe.exec("qemu-img", "info", "--force-share", "--output=json", file).out();
        Matcher m = Pattern.compile("\"virtual-size\":\\s*(\\d+)").matcher(json);
        assertTrue(m.find(), json);
        return Long.parseLong(m.group(1));
    }

    private static String checksum(String file) {
        return HostProbe.exec("sha256sum", file).out().split("\\s+")[0];
    }

    private static String mac(String id) {
        String list = HostProbe.exec("virsh", "-c", "qemu:///system", "domiflist", id).out();
        Matcher m = Pattern.compile("([0-9a-f]{2}(:[0-9a-f]{2}){5})").matcher(list);
        assertTrue(m.find(), list);
        return m.group(1);
    }
}
