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
        String id = Servers.active("resize-vm", Map.of(), servers);
        int boots = Servers.markers(id);
        String disk = rootDisk(id);
        assertEquals(1L << 30, virtualSize(disk));

        Servers.act(id, "resize", Map.of("flavor", "m1.medium"));
        Servers.awaitState(id, "VERIFY_RESIZE");
        assertEquals("running", HostProbe.domainState(id).orElseThrow());
        String info = HostProbe.exec("virsh", "-c", "qemu:///system", "dominfo", id).out();
        assertTrue(info.matches("(?s).*CPU\\(s\\):\\s+2\\n.*"), info);
        assertTrue(info.matches("(?s).*Max memory:\\s+524288 KiB.*"), info);
        assertEquals(4L << 30, virtualSize(rootDisk(id)));
        await().atMost(Servers.BOOT).until(() -> Servers.markers(id) > boots); // the guest came back up on the new size
        allocation(id, 2, 512, 4);

        Servers.act(id, "confirm-resize", Map.of());
        Servers.awaitState(id, "ACTIVE");
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
        String id = Servers.active("revert-vm", Map.of(), servers);
        String disk = rootDisk(id);
        String before = checksum(disk);

        Servers.act(id, "resize", Map.of("flavor", "m1.small"));
        Servers.awaitState(id, "VERIFY_RESIZE");
        assertEquals(2L << 30, virtualSize(rootDisk(id)));
        allocation(id, 1, 256, 2);

        Servers.act(id, "revert-resize", Map.of());
        Servers.awaitState(id, "ACTIVE");
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
        await().atMost(Servers.BOOT).until(() -> Servers.console(id).contains("STRATUS-ACPI-READY"));

        // the test guest never writes its disk: write into it (stopped), so that a new disk shows
        Servers.act(id, "stop", Map.of());
        Servers.awaitState(id, "STOPPED");
        String disk = rootDisk(id);
        HostProbe.Result written = HostProbe.exec("qemu-io", "-f", "qcow2", "-c", "write -P 0x5a 0 64k", disk);
        assertEquals(0, written.code(), written.out());
        String before = checksum(disk);

        Servers.act(id, "rebuild", Map.of("image", "stratus-tiny"));
        Servers.awaitState(id, "STOPPED"); // a stopped server is rebuilt stopped
        assertNotEquals(before, checksum(rootDisk(id)), "a rebuilt server has a new root disk");
        int leases = Servers.count(id, "STRATUS-NET " + ip);
        Servers.act(id, "start", Map.of());
        Servers.awaitState(id, "ACTIVE");
        assertEquals(mac, mac(id));
        given().get("/v1/ports?device_id=" + id).then().body("ports[0].fixed_ips[0].ip_address", equalTo(ip));
        try { // the guest booted again from its new disk and got its address again by DHCP
            await().atMost(Guests.BOOT).pollInterval(Duration.ofMillis(500)).until(() -> Servers.count(id, "STRATUS-NET " + ip)
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




    private static void allocation(String id, int vcpus, int ramMb, int diskGb) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(Stack.adminToken())
                .get("http://localhost:" + Stack.SCHEDULER_PORT + "/v1/scheduler/allocations/" + id).then()
                .statusCode(200).body("vcpus", equalTo(vcpus)).body("ram_mb", equalTo(ramMb))
                .body("disk_gb", equalTo(diskGb)));
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
