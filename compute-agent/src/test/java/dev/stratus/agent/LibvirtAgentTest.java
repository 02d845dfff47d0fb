package dev.stratus.agent;

import dev.stratus.agent.events.EventTap;
import dev.stratus.agent.image.ImageServer;
import dev.stratus.agent.image.ImageServerResource;
import dev.stratus.contracts.FlavorSpec;
import dev.stratus.contracts.GuestIdentity;
import dev.stratus.contracts.ImageRef;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.InstanceRemoveRequested;
import dev.stratus.contracts.InstanceStatusChanged;
import dev.stratus.contracts.Topics;
import dev.stratus.contracts.VmState;
import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.platform.events.EventPublisher;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.stratus.devinfra.TestTokens;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The whole agent on the real hypervisor: a placement becomes a booted guest (its marker on the console served by
 * the agent, with what it read from its config drive), a removal leaves no domain and no files. Runs where libvirt
 * and the test guest's inputs exist.
 */
@QuarkusTest
@TestProfile(LibvirtAgentTest.RealLibvirt.class)
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServerResource.class, restrictToAnnotatedClass = false)
@EnabledIf("libvirtAvailable")
class LibvirtAgentTest {
    static final String HOST = "libvirt-test-host";
    static final Path STATE = QemuReachable.dir("agent-libvirt-state");

    public static class RealLibvirt implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // a real guest under TCG on a loaded machine may take more than the fake driver's 2 s to obey ACPI
            return Map.of("stratus.agent.driver", "libvirt", "stratus.agent.host", HOST,
                    "stratus.agent.state-dir", STATE.toString(), "stratus.agent.virt-type", "qemu",
                    "stratus.agent.shutdown-grace", "30s");
        }
    }

    static boolean libvirtAvailable() {
        return Files.exists(Path.of("/var/run/libvirt/libvirt-sock")) && Files.exists(Path.of("/bin/busybox"));
    }

    @Test
    void aPlacementBootsARealGuestAndARemovalLeavesNothing() throws Exception {
        Path guest = buildTestGuest();
        ImageServer images = ImageServerResource.server();
        String suffix = UUID.randomUUID().toString();
        images.add("disk-" + suffix, "qcow2", Files.readAllBytes(guest.resolve("disk.qcow2")));
        images.add("kernel-" + suffix, "aki", Files.readAllBytes(guest.resolve("vmlinuz")));
        images.add("ramdisk-" + suffix, "ari", Files.readAllBytes(guest.resolve("initramfs.img")));
        String id = UUID.randomUUID().toString();

        try (EventPublisher publisher = new EventPublisher(StratusTestInfra.bootstrapServers(), "libvirt-test");
                EventTap tap = new EventTap(StratusTestInfra.bootstrapServers(), List.of(Topics.INSTANCE_STATUS))) {
            String userData = "#!/bin/sh\necho hello\n";
            publisher.publish(Topics.PLACEMENTS, id, new InstancePlaced(UUID.randomUUID().toString(),
                    InstancePlaced.VERSION, id, "project-1", "real-" + id, HOST, "http://localhost:8082",
                    new FlavorSpec("f-1", "m1.tiny", 1, 128, 1, null),
                    new ImageRef("disk-" + suffix, "kernel-" + suffix, "ramdisk-" + suffix), Instant.now(),
                    List.of(), new GuestIdentity("real-guest", "ci", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 ci@stratus",
                            Base64.getEncoder().encodeToString(userData.getBytes(StandardCharsets.UTF_8)), Map.of(),
                            true)));

            InstanceStatusChanged active = tap.await(InstanceStatusChanged.class,
                    s -> s.instanceId().equals(id) && s.vmState() == VmState.ACTIVE, Duration.ofSeconds(60));
            assertEquals("RUNNING", active.powerState());
            awaitConsole(id, "STRATUS-GUEST-UP " + id, Duration.ofSeconds(60));
            // the guest read its config drive (a CD-ROM libvirt attached from the agent's ISO)
            awaitConsole(id, "STRATUS-HOSTNAME real-guest", Duration.ofSeconds(30));
            awaitConsole(id, "STRATUS-USERDATA " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(userData.getBytes(StandardCharsets.UTF_8))), Duration.ofSeconds(5));
            awaitConsole(id, "STRATUS-KEY ci@stratus", Duration.ofSeconds(5));

            publisher.publish(Topics.PLACEMENTS, id, new InstanceRemoveRequested(UUID.randomUUID().toString(),
                    InstanceRemoveRequested.VERSION, id, HOST, Instant.now()));
            tap.await(InstanceStatusChanged.class, s -> s.instanceId().equals(id) && s.vmState() == VmState.DELETED,
                    Duration.ofSeconds(60));
        } finally {
            run(List.of("virsh", "-c", "qemu:///system", "destroy", id), true);
            run(List.of("virsh", "-c", "qemu:///system", "undefine", id), true);
        }
        assertFalse(run(List.of("virsh", "-c", "qemu:///system", "list", "--all", "--uuid"), false).contains(id));
        assertFalse(Files.exists(STATE.resolve("instances").resolve(id)), "no disk, no config drive left");
    }

    private static void awaitConsole(String id, String marker, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String console = "";
        while (System.nanoTime() < deadline) {
            console = given().auth().oauth2(TestTokens.service()).get("/internal/v1/instances/" + id + "/console").then().statusCode(200).extract()
                    .asString();
            if (console.contains(marker)) {
                return;
            }
            Thread.sleep(100);
        }
        fail("no '" + marker + "' on the console within " + timeout + ":\n" + console);
    }

    static Path buildTestGuest() throws IOException, InterruptedException {
        Path script = Path.of("..", "deploy", "images", "build-test-image.sh").toAbsolutePath().normalize();
        Path out = QemuReachable.dir("test-image");
        run(List.of("bash", script.toString(), out.toString()), false);
        assertTrue(Files.exists(out.resolve("vmlinuz")));
        return out;
    }

    static String run(List<String> command, boolean mayFail) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || (!mayFail && process.exitValue() != 0)) {
            fail(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }
}
