package dev.stratus.e2e;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The config drive on real VMs: the busybox test guest finds the CD-ROM labelled config-2 that the agent attached,
 * takes its host name from it and prints what it read (the user-data's digest, the key); a rebuild gives it the same
 * again; the drive goes with the server. A server created without one has none.
 */
class ConfigDriveE2ETest {
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
    void theGuestReadsItsHostNameUserDataAndKeyFromItsConfigDriveAlsoAfterARebuild() {
        String keyName = "drive-" + UUID.randomUUID().toString().substring(0, 8);
        String publicKey = given().contentType(ContentType.JSON).body(Map.of("name", keyName))
                .post("/v1/key-pairs").then().statusCode(201).extract().path("public_key");
        String userData = "#!/bin/sh\necho 'hello from user-data'\n";
        String net = Guests.network("drive-net", "10.83.0.0/24", null, null);
        String id = given().contentType(ContentType.JSON).body(Map.of("name", "drive_vm", "flavor", "m1.tiny",
                        "image", "stratus-tiny", "key_name", keyName, "hostname", "drive-guest.example",
                        "user_data", base64(userData), "networks", List.of(Map.of("network", net))))
                .post("/v1/servers").then().statusCode(202).body("hostname", equalTo("drive-guest.example"))
                .body("key_name", equalTo(keyName)).body("config_drive", equalTo(true))
                .extract().path("id");
        servers.add(id);
        awaitState(id, "ACTIVE");
        List<String> markers = List.of("STRATUS-HOSTNAME drive-guest.example", "STRATUS-USERDATA " + sha256(userData),
                "STRATUS-KEY " + keyMarker(publicKey));
        awaitMarkers(id, markers, 1);

        Path drive = Stack.agentDir().resolve("instances/" + id + "/disk.config");
        assertTrue(Files.exists(drive), "the agent built " + drive);
        String xml = HostProbe.exec("virsh", "-c", "qemu:///system", "dumpxml", id).out();
        assertTrue(Pattern.compile("(?s)<disk type=.file. device=.cdrom.>.*" + Pattern.quote(drive.toString())
                + ".*<readonly/>").matcher(xml).find(), xml);
        String ip = given().get("/v1/ports?device_id=" + id).then().extract().path("ports[0].fixed_ips[0].ip_address");
        String mac = given().get("/v1/ports?device_id=" + id).then().extract().path("ports[0].mac_address");
        given().get("/v1/servers/" + id).then()
                .body("addresses.'drive-net'", equalTo(List.of(Map.of("addr", ip, "version", 4, "type", "fixed",
                        "mac_addr", mac))));

        // a rebuild (a new root disk, the same identity) boots the guest again with the same drive
        await().atMost(BOOT).until(() -> console(id).contains("STRATUS-ACPI-READY"));
        given().contentType(ContentType.JSON).body(Map.of()).post("/v1/servers/" + id + "/actions/rebuild").then()
                .statusCode(202);
        awaitState(id, "ACTIVE");
        awaitMarkers(id, markers, 2);
        assertTrue(Files.exists(drive));

        given().delete("/v1/servers/" + id).then().statusCode(202);
        await().atMost(ACTION).untilAsserted(() -> given().get("/v1/servers/" + id).then().statusCode(404));
        assertFalse(HostProbe.domainState(id).isPresent(), "the domain is gone");
        assertFalse(Files.exists(drive), "no config drive left");
        assertFalse(Files.exists(drive.getParent()), "no instance files left");
    }

    @Test
    void aServerWithoutAConfigDriveHasNone() {
        String id = given().contentType(ContentType.JSON).body(Map.of("name", "no-drive", "flavor", "m1.tiny",
                        "image", "stratus-tiny", "config_drive", false))
                .post("/v1/servers").then().statusCode(202).body("config_drive", equalTo(false))
                .body("hostname", equalTo("no-drive")).extract().path("id");
        servers.add(id);
        awaitState(id, "ACTIVE");
        awaitMarkers(id, List.of("STRATUS-GUEST-UP " + id, "STRATUS-CONFIG-DRIVE none"), 1);
        assertFalse(console(id).contains("STRATUS-HOSTNAME"), console(id));
        assertFalse(Files.exists(Stack.agentDir().resolve("instances/" + id + "/disk.config")));
        assertFalse(HostProbe.exec("virsh", "-c", "qemu:///system", "dumpxml", id).out().contains("cdrom"));
    }

    /** Waits until each line is on the console at least {@code times} times. */
    private static void awaitMarkers(String id, List<String> lines, int times) {
        try {
            await().atMost(BOOT).pollInterval(Duration.ofMillis(250)).until(() -> {
                String console = console(id);
                return lines.stream().allMatch(line -> console.split(Pattern.quote(line), -1).length - 1 >= times);
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            String console = console(id);
            throw new AssertionError("server " + id + " did not print " + lines + " " + times + " time(s); console:\n"
                    + console.substring(Math.max(0, console.length() - 3000)), e);
        }
    }

    private static String console(String id) {
        return given().get("/v1/servers/" + id + "/console").then().extract().asString();
    }

    private static void awaitState(String id, String status) {
        await().atMost(ACTION).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().get("/v1/servers/" + id).then().statusCode(200).body("status", equalTo(status))
                        .body("task_state", nullValue()));
    }

    /** What the guest prints of a public key: its comment, or the SHA-256 of the key line when it has none. */
    private static String keyMarker(String publicKey) {
        String[] fields = publicKey.strip().split("\\s+", 3);
        return fields.length == 3 ? fields[2] : sha256(publicKey);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
