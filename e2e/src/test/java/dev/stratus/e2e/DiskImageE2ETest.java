package dev.stratus.e2e;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real disk images: servers boot through the BIOS from {@code stratus-disk} (no kernel or ramdisk image), two
 * servers share one cached base under their overlays, and a snapshot of a server's disk is an image that boots.
 */
class DiskImageE2ETest {
    private static final Duration BOOT = Duration.ofSeconds(120);

    @BeforeAll
    static void startStack() {
        Stack.up();
        RestAssured.baseURI = Stack.url();
        RestAssured.requestSpecification = new io.restassured.builder.RequestSpecBuilder()
                .addHeader("Authorization", "Bearer " + Stack.token()).build();
    }

    @Test
    void serversBootFromADiskImageShareItsBaseAndASnapshotBoots() {
        given().get("/v1/images?name=stratus-disk").then().statusCode(200)
                .body("images[0].status", equalTo("active")).body("images[0].disk_format", equalTo("qcow2"))
                .body("images[0].visibility", equalTo("public"))
                .body("images[0].virtual_size", equalTo(64 * 1024 * 1024));
        String first = create("disk-1", "stratus-disk");
        String second = create("disk-2", "stratus-disk");
        awaitGuestUp(first);
        awaitGuestUp(second);

        Path base = backingFile(first);
        assertEquals(base, backingFile(second), "both overlays sit on one cached base");
        assertTrue(base.startsWith(Stack.agentDir().resolve("images")), base.toString());

        String snapshot = given().contentType(ContentType.JSON).body(Map.of("name", "disk-1-snap"))
                .post("/v1/servers/" + first + "/actions/snapshot").then().statusCode(202)
                .extract().path("image_id");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().get("/v1/images/" + snapshot).then().body("status", equalTo("active")));
        given().get("/v1/images/" + snapshot).then().body("disk_format", equalTo("qcow2"))
                .body("properties.instance_uuid", equalTo(first)).body("properties.image_type", equalTo("snapshot"));

        String fromSnapshot = create("from-snap", snapshot);
        awaitGuestUp(fromSnapshot);
        for (String id : new String[] {first, second, fromSnapshot}) {
            given().delete("/v1/servers/" + id).then().statusCode(202);
        }
        for (String id : new String[] {first, second, fromSnapshot}) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    given().get("/v1/servers/" + id).then().statusCode(404));
        }
        given().delete("/v1/images/" + snapshot).then().statusCode(204);
    }

    @Test
    void snapshotOfAnUnknownServerIs404AndANameIsRequired() {
        given().contentType(ContentType.JSON).body(Map.of("name", "x"))
                .post("/v1/servers/3f2a1d6e-0000-4000-8000-000000000000/actions/snapshot").then().statusCode(404);
        String id = create("snap-noname", "stratus-tiny");
        given().contentType(ContentType.JSON).body("{}").post("/v1/servers/" + id + "/actions/snapshot")
                .then().statusCode(400).body("field", equalTo("name"));
        given().delete("/v1/servers/" + id).then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/v1/servers/" + id).then().statusCode(404)); // other tests count the host's RAM
    }

    private static void awaitGuestUp(String id) {
        await().atMost(BOOT).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().get("/v1/servers/" + id + "/console").then().statusCode(200)
                        .body(containsString("STRATUS-GUEST-UP " + id)));
        given().get("/v1/servers/" + id).then().body("status", equalTo("ACTIVE"));
    }

    private static Path backingFile(String id) {
        Path disk = Stack.agentDir().resolve("instances/" + id + "/disk.qcow2");
        HostProbe.Result info = HostProbe.exec("qemu-img", "info", "-U", "--output=json", disk.toString());
        assertEquals(0, info.code(), info.out());
        String marker = "\"backing-filename\": \"";
        int at = info.out().indexOf(marker);
        assertTrue(at >= 0, info.out());
        return Path.of(info.out().substring(at + marker.length(), info.out().indexOf('"', at + marker.length())));
    }

    private static String create(String name, String image) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "flavor", "m1.tiny", "image", image)).post("/v1/servers")
                .then().statusCode(202).extract().path("id");
    }
}
