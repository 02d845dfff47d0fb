package dev.stratus.agent;

import dev.stratus.agent.events.EventTap;
import dev.stratus.agent.image.ImageServer;
import dev.stratus.agent.image.ImageServerResource;
import dev.stratus.contracts.FlavorSpec;
import dev.stratus.contracts.ImageRef;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.InstancePowerRequested;
import dev.stratus.contracts.InstanceRebuildRequested;
import dev.stratus.contracts.InstanceRemoveRequested;
import dev.stratus.contracts.InstanceResizeClaimed;
import dev.stratus.contracts.InstanceResizeSettled;
import dev.stratus.contracts.InstanceStatusChanged;
import dev.stratus.contracts.InstanceTaskFinished;
import dev.stratus.contracts.PortBinding;
import dev.stratus.contracts.PowerOperation;
import dev.stratus.contracts.Topics;
import dev.stratus.contracts.VmState;
import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.platform.events.EventPublisher;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.stratus.agent.LibvirtAgentTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Resize, revert and rebuild of a real guest through the whole agent on the real hypervisor (the busybox test guest,
 * TCG, one port on a tenant network): what libvirt shows of the domain afterwards (vCPUs, memory, memory hard limit,
 * MAC), what {@code qemu-img} shows of its disk, and the copy of the old disk kept and dropped. The test waits for the
 * guest to arm its ACPI power button before each shutdown, so each is a graceful one (shutdown grace 30 s here).
 */
@QuarkusTest
@TestProfile(LibvirtAgentTest.RealLibvirt.class)
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServerResource.class, restrictToAnnotatedClass = false)
@EnabledIf("dev.stratus.agent.LibvirtAgentTest#libvirtAvailable")
class LibvirtResizeTest {
    private static final String URI = "qemu:///system";
    private static final String HOST = LibvirtAgentTest.HOST;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final long GIB = 1024L * 1024 * 1024;
    private static final FlavorSpec SMALL = new FlavorSpec("f-1", "m1.tiny", 1, 128, 1, null);
    private static final FlavorSpec LARGE = new FlavorSpec("f-2", "m1.small", 2, 256, 2, null);
    private static final Pattern VIRTUAL_SIZE = Pattern.compile("\"virtual-size\"\\s*:\\s*(\\d+)");

    @Test
    void resizesRevertsAndRebuildsARunningGuest() throws Exception {
        Path guest = LibvirtAgentTest.buildTestGuest();
        ImageServer images = ImageServerResource.server();
        String suffix = UUID.randomUUID().toString();
        images.add("disk-" + suffix, "qcow2", Files.readAllBytes(guest.resolve("disk.qcow2")));
        images.add("kernel-" + suffix, "aki", Files.readAllBytes(guest.resolve("vmlinuz")));
        images.add("ramdisk-" + suffix, "ari", Files.readAllBytes(guest.resolve("initramfs.img")));
        ImageRef image = new ImageRef("disk-" + suffix, "kernel-" + suffix, "ramdisk-" + suffix);
        String id = UUID.randomUUID().toString();
        String mac = "fa:16:3e:" + id.substring(0, 2) + ":" + id.substring(2, 4) + ":" + id.substring(4, 6);
        PortBinding port = new PortBinding(UUID.randomUUID().toString(), UUID.randomUUID().toString(), mac,
                "10.201.0.10", "10.201.0.0/24", null, "10.201.0.2", 1450);
        Path dir = LibvirtAgentTest.STATE.resolve("instances").resolve(id);
        Path disk = dir.resolve("disk.qcow2");
        Path kept = dir.resolve("disk-before-resize.qcow2");

        try (EventPublisher publisher = new EventPublisher(StratusTestInfra.bootstrapServers(), "libvirt-resize");
                EventTap tap = new EventTap(StratusTestInfra.bootstrapServers(), List.of(Topics.INSTANCE_STATUS))) {
            try {
                publisher.publish(Topics.PLACEMENTS, id, new InstancePlaced(UUID.randomUUID().toString(),
                        InstancePlaced.VERSION, id, "project-1", "real-" + id, HOST, "http://localhost:8082", SMALL,
                        image, Instant.now(), List.of(port)));
                tap.await(InstanceStatusChanged.class, s -> s.instanceId().equals(id) && s.vmState() == VmState.ACTIVE,
                        WAIT);
                assertEquals(1, vcpus(id));
                assertEquals(GIB, virtualSize(disk));
                Path console = dir.resolve("console.log");
                awaitCount(console, "STRATUS-ACPI-READY", 1); // booted: it obeys its power button from now on

                String resize = UUID.randomUUID().toString();
                publisher.publish(Topics.PLACEMENTS, id, new InstanceResizeClaimed(UUID.randomUUID().toString(),
                        InstanceResizeClaimed.VERSION, id, "project-1", HOST, SMALL, LARGE, resize, Instant.now()));
                assertSucceeded(tap, id, InstanceTaskFinished.RESIZE, resize);
                assertEquals(1, count(console, "STRATUS-POWER-BUTTON"), "shut down through ACPI");
                assertEquals("running", state(id));
                assertEquals(2, vcpus(id));
                assertEquals(256 * 1024, memoryKib(id));
                assertTrue(hardLimitKib(id) > 256 * 1024, "the memory hard limit follows the new flavor");
                assertEquals(2 * GIB, virtualSize(disk));
                assertTrue(Files.exists(kept), "the disk before the resize is kept");
                awaitCount(console, "STRATUS-ACPI-READY", 2); // it booted again with the new flavor
                assertEquals(GIB, virtualSize(kept));
                String before = sha256(kept);
                assertNotEquals(before, sha256(disk));

                publisher.publish(Topics.INSTANCE_ACTIONS, id, new InstanceResizeSettled(UUID.randomUUID().toString(),
                        InstanceResizeSettled.VERSION, id, "project-1", HOST, InstanceResizeSettled.Outcome.REVERTED,
                        SMALL, LARGE, resize, Instant.now()));
                assertSucceeded(tap, id, InstanceTaskFinished.REVERT_RESIZE, resize);
                assertEquals("running", state(id));
                assertEquals(1, vcpus(id));
                assertEquals(128 * 1024, memoryKib(id));
                assertEquals(before, sha256(disk), "the old disk is back");
                assertEquals(2, count(console, "STRATUS-POWER-BUTTON"), "shut down through ACPI");
                assertEquals(GIB, virtualSize(disk));
                assertFalse(Files.exists(kept), "the copy is gone");

                awaitCount(console, "STRATUS-ACPI-READY", 3);
                power(publisher, id, 1, PowerOperation.STOP);
                tap.await(InstanceStatusChanged.class, s -> s.instanceId().equals(id)
                        && s.vmState() == VmState.STOPPED && s.generation() == 1, WAIT);
                run(List.of("qemu-io", "-f", "qcow2", "-c", "write -P 0x5a 0 64k", disk.toString()), false);
                power(publisher, id, 2, PowerOperation.START);
                tap.await(InstanceStatusChanged.class, s -> s.instanceId().equals(id)
                        && s.vmState() == VmState.ACTIVE && s.generation() == 2, WAIT);
                assertTrue(hasPattern(disk), "the guest's disk carries the bytes written");
                awaitCount(console, "STRATUS-ACPI-READY", 4);

                String rebuild = UUID.randomUUID().toString();
                publisher.publish(Topics.INSTANCE_ACTIONS, id, new InstanceRebuildRequested(
                        UUID.randomUUID().toString(), InstanceRebuildRequested.VERSION, id, "project-1", HOST, image,
                        SMALL, rebuild, Instant.now()));
                assertSucceeded(tap, id, InstanceTaskFinished.REBUILD, rebuild);
                assertEquals("running", state(id));
                assertFalse(hasPattern(disk), "a fresh overlay, without the bytes written");
                assertEquals(4, count(console, "STRATUS-POWER-BUTTON"), "shut down through ACPI");
                assertEquals(GIB, virtualSize(disk));
                assertTrue(run(List.of("virsh", "-c", URI, "domiflist", id), false).contains(mac), "same MAC");
                assertFalse(Files.exists(dir.resolve("disk-before-rebuild.qcow2")));
                assertTrue(tap.seen(InstanceStatusChanged.class, s -> s.instanceId().equals(id)
                        && s.incident() != null).isEmpty(), "no incident for the agent's own shutdowns");
            } finally {
                publisher.publish(Topics.PLACEMENTS, id, new InstanceRemoveRequested(UUID.randomUUID().toString(),
                        InstanceRemoveRequested.VERSION, id, HOST, Instant.now()));
                tap.await(InstanceStatusChanged.class, s -> s.instanceId().equals(id)
                        && s.vmState() == VmState.DELETED, WAIT);
            }
        } finally {
            run(List.of("virsh", "-c", URI, "destroy", id), true);
            run(List.of("virsh", "-c", URI, "undefine", id), true);
        }
        assertFalse(Files.exists(dir));
    }

    private static void awaitCount(Path console, String text, int count) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (count(console, text) < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(count, count(console, text), "'" + text + "' in " + console + ":\n"
                + Files.readString(console, StandardCharsets.ISO_8859_1));
    }

    private static int count(Path console, String text) throws Exception {
        String log = Files.exists(console) ? Files.readString(console, StandardCharsets.ISO_8859_1) : "";
        return log.split(Pattern.quote(text), -1).length - 1;
    }

    private static void assertSucceeded(EventTap tap, String id, String task, String reference) {
        InstanceTaskFinished finished = tap.await(InstanceTaskFinished.class, t -> t.instanceId().equals(id)
                && t.task().equals(task) && t.reference().equals(reference), WAIT);
        assertTrue(finished.succeeded(), task + " failed: " + finished.fault());
    }

    private static void power(EventPublisher publisher, String id, long generation, PowerOperation operation) {
        publisher.publish(Topics.INSTANCE_ACTIONS, id, new InstancePowerRequested(UUID.randomUUID().toString(),
                InstancePowerRequested.VERSION, id, "project-1", HOST, generation, operation, Instant.now()));
    }

    private static String state(String id) throws Exception {
        return run(List.of("virsh", "-c", URI, "domstate", id), false).trim();
    }

    private static int vcpus(String id) throws Exception {
        return Integer.parseInt(dominfo(id, "CPU\\(s\\)"));
    }

    private static long memoryKib(String id) throws Exception {
        return Long.parseLong(dominfo(id, "Max memory").replace(" KiB", ""));
    }

    private static String dominfo(String id, String field) throws Exception {
        Matcher m = Pattern.compile("^" + field + ":\\s*(.+)$", Pattern.MULTILINE)
                .matcher(run(List.of("virsh", "-c", URI, "dominfo", id), false));
        assertTrue(m.find(), "no " + field + " in dominfo");
        return m.group(1).trim();
    }

    private static long hardLimitKib(String id) throws Exception {
        Matcher m = Pattern.compile("hard_limit\\s*:\\s*(\\d+)")
                .matcher(run(List.of("virsh", "-c", URI, "memtune", id), false));
        assertTrue(m.find(), "no hard_limit");
        return Long.parseLong(m.group(1));
    }

    private static long virtualSize(Path disk) throws Exception {
        Matcher m = VIRTUAL_SIZE.matcher(run(List.of("qemu-img", "info", "-U", "--output=json", disk.toString()),
                false));
        assertTrue(m.find());
        return Long.parseLong(m.group(1));
    }

    /** Whether the disk's first 64 KiB are the 0x5a bytes the test wrote (read without taking the lock). */
    private static boolean hasPattern(Path disk) throws Exception {
        String out = run(List.of("qemu-io", "-r", "-U", "-f", "qcow2", "-c", "read -P 0x5a 0 64k", disk.toString()),
                true);
        return !out.contains("Pattern verification failed") && out.contains("read 65536/65536");
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
