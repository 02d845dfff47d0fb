package dev.stratus.e2e;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The spine: one POST boots a real VM under libvirt with cgroup limits; one DELETE leaves nothing behind. */
class SpineE2ETest {
    private static final Duration BOOT = Duration.ofSeconds(90);
    /** The agent's default {@code stratus.agent.memory-overhead-mb}. */
    private static final long MEMORY_OVERHEAD_MB = 256;

    @BeforeAll
    static void startStack() {
        Stack.upAsDemo();
    }

    @Test
    void bootsAVmWithLimitsAndDeletesItCompletely() {
        int ramBefore = usedRam();
        String id = create("spine-vm", "m1.medium"); // 2 vCPUs, 512 MiB: limits differ from cgroup defaults
        await().atMost(BOOT).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().get("/v1/servers/" + id).then().body("status", equalTo("ACTIVE")));
        given().get("/v1/servers/" + id).then().body("host", equalTo(Stack.HOST)).body("task_state", equalTo(null));
        assertEquals("running", HostProbe.domainState(id).orElseThrow());

        await().atMost(BOOT).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().get("/v1/servers/" + id + "/console").then().statusCode(200)
                        .body(containsString("STRATUS-GUEST-UP " + id)));

        assertEquals("2048", HostProbe.cgroupValue(id, "cpu", "cpu.shares"), "CPU shares = 1024 per vCPU");
        assertEquals("-1", HostProbe.cgroupValue(id, "cpu", "cpu.cfs_quota_us"), "m1.medium has no CPU cap");
        assertEquals(String.valueOf((512L + MEMORY_OVERHEAD_MB) << 20),
                HostProbe.cgroupValue(id, "memory", "memory.limit_in_bytes"),
                "memory cap = flavor RAM + the agent's QEMU overhead allowance");
        assertEquals(ramBefore + 512, usedRam(), "the scheduler claimed the flavor's RAM");

        given().delete("/v1/servers/" + id).then().statusCode(202).body("task_state", equalTo("deleting"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().get("/v1/servers/" + id).then().statusCode(404));
        assertFalse(HostProbe.domainState(id).isPresent(), "the domain is undefined");
        assertFalse(Files.exists(Stack.agentDir().resolve("instances/" + id)), "the instance files are gone");
        await().atMost(Duration.ofSeconds(15)).until(() -> usedRam() == ramBefore);
        given().get("/v1/servers").then().body("servers.id", not(hasItem(id)));
    }

    @Test
    void cpuCapOfTheFlavorIsAQuota() {
        int ramBefore = usedRam();
        String id = create("capped-vm", "t1.tiny");
        await().atMost(BOOT).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().get("/v1/servers/" + id).then().body("status", equalTo("ACTIVE")));
        assertEquals("50000", HostProbe.cgroupValue(id, "cpu", "cpu.cfs_quota_us"), "50% of one CPU");
        assertEquals("100000", HostProbe.cgroupValue(id, "cpu", "cpu.cfs_period_us"));
        given().delete("/v1/servers/" + id).then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/v1/servers/" + id).then().statusCode(404));
        assertFalse(HostProbe.domainState(id).isPresent());
        await().atMost(Duration.ofSeconds(15)).until(() -> usedRam() == ramBefore);
    }

    @Test
    void noHostWithCapacityEndsInErrorWithTheReason() {
        String id = create("too-big", "m1.huge");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().get("/v1/servers/" + id).then().body("status", equalTo("ERROR"))
                        .body("fault", containsString("RAM")));
        given().delete("/v1/servers/" + id).then().statusCode(202);
        given().get("/v1/servers/" + id).then().statusCode(404);
    }

    @Test
    void badInputIsA400NamingTheFieldAndCreatesNothing() {
        int before = given().get("/v1/servers").then().extract().path("servers.size()");
        post("{\"name\":\"x\",\"flavor\":\"nope\",\"image\":\"stratus-tiny\"}").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("flavor"));
        post("{\"name\":\"x\",\"flavor\":\"m1.tiny\",\"image\":\"nope\"}").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("image"));
        post("{\"name\":").then().statusCode(400).contentType("application/problem+json");
        assertEquals(before, (int) given().get("/v1/servers").then().extract().path("servers.size()"));
    }

    @Test
    void everyNativeRouteAnswersUnderTheOneUrl() {
        given().get("/v1/flavors").then().statusCode(200).body("flavors.name", hasItem("m1.small"));
        given().get("/v1/images?name=stratus-tiny").then().statusCode(200)
                .body("images[0].status", equalTo("active"));
        given().get("/v1/networks").then().statusCode(200);
    }

    private static String create(String name, String flavor) {
        return post("{\"name\":\"" + name + "\",\"flavor\":\"" + flavor + "\",\"image\":\"stratus-tiny\"}")
                .then().statusCode(202).body("status", equalTo("BUILDING")).extract().path("id");
    }

    private static io.restassured.response.Response post(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/servers");
    }

    private static int usedRam() {
        return given().baseUri("http://localhost:" + Stack.SCHEDULER_PORT).header("Authorization", "Bearer " + Stack.adminToken())
                .get("/v1/scheduler/hosts").then()
                .statusCode(200).extract().path("hosts.find { it.name == '" + Stack.HOST + "' }.used_ram_mb");
    }
}
