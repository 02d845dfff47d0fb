package dev.stratus.e2e;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code ./stratus up} registers the Debian 12 cloud image {@code stratus-debian} with its own kernel and initramfs
 * (aki/ari images named by its {@code kernel_id}/{@code ramdisk_id}), and a server of it boots through Stratus with
 * the agent's kernel command line to Debian's login prompt on the serial console. (Logging in, cloud-init and the
 * config drive are proven where the guest can be reached by SSH; deploy/images/check-debian-image.sh proves the image
 * with raw libvirt.)
 */
class DebianImageE2ETest {
    /** Debian with systemd and cloud-init under TCG on a loaded 2-core machine: minutes, not seconds. */
    private static final Duration BOOT = Duration.ofMinutes(10);

    @BeforeAll
    static void startStack() {
        Stack.upAsDemo();
    }

    @Test
    void stratusDebianIsRegisteredWithItsKernelAndBootsToALoginPrompt() {
        Map<String, Object> image = given().get("/v1/images?name=stratus-debian").then().statusCode(200)
                .body("images.size()", equalTo(1)).body("images[0].status", equalTo("active"))
                .body("images[0].disk_format", equalTo("qcow2")).body("images[0].visibility", equalTo("public"))
                .body("images[0].properties.os_distro", equalTo("debian"))
                .extract().path("images[0]");
        @SuppressWarnings("unchecked")
        Map<String, String> properties = (Map<String, String>) image.get("properties");
        given().get("/v1/images/" + properties.get("kernel_id")).then().statusCode(200)
                .body("name", equalTo("stratus-debian-kernel")).body("disk_format", equalTo("aki"));
        given().get("/v1/images/" + properties.get("ramdisk_id")).then().statusCode(200)
                .body("name", equalTo("stratus-debian-ramdisk")).body("disk_format", equalTo("ari"));

        String id = given().contentType(ContentType.JSON)
                .body("{\"name\":\"debian-boot\",\"flavor\":\"m1.small\",\"image\":\"stratus-debian\"}")
                .post("/v1/servers").then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().get("/v1/servers/" + id).then().body("status", equalTo("ACTIVE")));
        assertEquals("running", HostProbe.domainState(id).orElseThrow());
        // the initramfs found the root by its label, systemd started, and getty prints Debian's banner and prompt
        await().atMost(BOOT).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                given().get("/v1/servers/" + id + "/console").then().statusCode(200)
                        .body(containsString("Debian GNU/Linux 12")).body(containsString("login:")));

        given().delete("/v1/servers/" + id).then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().get("/v1/servers/" + id).then().statusCode(404));
    }
}
