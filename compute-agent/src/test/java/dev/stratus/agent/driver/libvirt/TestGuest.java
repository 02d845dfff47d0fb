package dev.stratus.agent.driver.libvirt;

import dev.stratus.agent.driver.InstanceSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** The busybox test guest of deploy/images/build-test-image.sh, and per-instance files for it. */
final class TestGuest {

    static final String MARKER = "STRATUS-GUEST-UP ";

    final Path imageDir;

    private TestGuest(Path imageDir) {
        this.imageDir = imageDir;
    }

    /** Builds (or reuses) the test image under target/test-image. */
    static TestGuest build() throws IOException, InterruptedException {
        Path script = Path.of("..", "deploy", "images", "build-test-image.sh").toAbsolutePath().normalize();
        Path out = dev.stratus.agent.QemuReachable.dir("test-image");
        run(List.of("bash", script.toString(), out.toString()));
        return new TestGuest(out);
    }

    /**
     * A fresh instance directory with a qcow2 overlay on the test disk and a console log path, with
     * the modes the agent uses: directory 0711 (QEMU's user may traverse it, not list it), files
     * root-only 0600 (libvirt's dynamic ownership hands them to QEMU's user for the domain's life).
     */
    InstanceSpec instance(String id, int vcpus, int ramMb, Integer cpuQuotaPercent, long memoryCapMb)
            throws IOException, InterruptedException {
        Path dir = dev.stratus.agent.QemuReachable.dir("instances").resolve(id);
        Files.createDirectories(dir);
        Path disk = dir.resolve("disk.qcow2");
        run(List.of("qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2", "-b",
                imageDir.resolve("disk.qcow2").toString(), disk.toString()));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(disk, PosixFilePermissions.fromString("rw-------"));
        return new InstanceSpec(id, vcpus, ramMb, cpuQuotaPercent, memoryCapMb, disk, imageDir.resolve("vmlinuz"),
                imageDir.resolve("initramfs.img"), "console=ttyS0 quiet panic=-1", dir.resolve("console.log"));
    }

    /** Waits until the console log shows the guest's marker line for {@code id}. */
    static void awaitMarker(Path consoleLog, String id, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(consoleLog)
                    && Files.readString(consoleLog, StandardCharsets.ISO_8859_1).contains(MARKER + id)) {
                return;
            }
            Thread.sleep(20);
        }
        String log = Files.exists(consoleLog) ? Files.readString(consoleLog, StandardCharsets.ISO_8859_1) : "(none)";
        fail("no '" + MARKER + id + "' in " + consoleLog + " within " + timeout + "; console:\n" + log);
    }

    /** Waits until the console log contains {@code text}. */
    static void awaitConsole(Path consoleLog, String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(consoleLog) && Files.readString(consoleLog, StandardCharsets.ISO_8859_1).contains(text)) {
                return;
            }
            Thread.sleep(20);
        }
        String log = Files.exists(consoleLog) ? Files.readString(consoleLog, StandardCharsets.ISO_8859_1) : "(none)";
        fail("no '" + text + "' in " + consoleLog + " within " + timeout + "; console:\n" + log);
    }

    static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }
}
