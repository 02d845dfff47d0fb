package dev.stratus.agent.instance;

import dev.stratus.agent.image.CachedImage;
import dev.stratus.agent.image.ImageServer;
import dev.stratus.agent.image.ImageServiceClient;
import dev.stratus.contracts.InstanceSnapshotRequested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A snapshot is the instance's disk flattened (base + overlay) into one self-contained qcow2, uploaded once. */
class InstanceSnapshotterTest {
    @TempDir
    Path stateDir;

    @Test
    void flattensTheOverlayOnItsBaseAndUploadsIt() throws Exception {
        byte[] baseBytes = new byte[1024 * 1024];
        Arrays.fill(baseBytes, (byte) 7);
        Path base = Files.write(stateDir.resolve("base.raw"), baseBytes);
        InstanceFiles files = new InstanceFiles(stateDir.resolve("instances"), new QemuImg());
        files.prepare("i-snap", new CachedImage("img", "sha", "raw", base), 0, List.of());
        try (ImageServer server = new ImageServer()) {
            server.addQueued("snap-image");
            InstanceSnapshotter snapshotter = new InstanceSnapshotter(files, new QemuImg(),
                    new ImageServiceClient(server.url()), stateDir.resolve("snapshots"));
            InstanceSnapshotRequested request = new InstanceSnapshotRequested("e-1", 1, "i-snap", "p", "h",
                    "snap-image", Instant.now());

            assertTrue(snapshotter.snapshot(request));
            assertFalse(snapshotter.snapshot(request), "a repeated event: the image is no longer queued");

            byte[] uploaded = server.uploaded("snap-image");
            Path copy = Files.write(stateDir.resolve("uploaded.qcow2"), uploaded);
            String info = run("qemu-img", "info", "--output=json", copy.toString());
            assertTrue(info.contains("\"format\": \"qcow2\""), info);
            assertFalse(info.contains("backing-filename"), "flattened: " + info);
            Path raw = stateDir.resolve("uploaded.raw");
            run("qemu-img", "convert", "-O", "raw", copy.toString(), raw.toString());
            assertArrayEquals(baseBytes, Files.readAllBytes(raw), "the guest sees the base's bytes");
            try (var left = Files.list(stateDir.resolve("snapshots"))) {
                assertEquals(0, left.count(), "the local flattened copy is deleted");
            }
        }
    }

    @Test
    void anInstanceWithoutADiskHereFailsAndUploadsNothing() throws Exception {
        InstanceFiles files = new InstanceFiles(stateDir.resolve("instances"), new QemuImg());
        try (ImageServer server = new ImageServer()) {
            server.addQueued("snap-none");
            InstanceSnapshotter snapshotter = new InstanceSnapshotter(files, new QemuImg(),
                    new ImageServiceClient(server.url()), stateDir.resolve("snapshots"));
            InstanceFilesException e = assertThrows(InstanceFilesException.class, () -> snapshotter.snapshot(
                    new InstanceSnapshotRequested("e-2", 1, "i-none", "p", "h", "snap-none", Instant.now())));
            assertEquals("instance i-none has no disk on this host", e.getMessage());
            assertNull(server.uploaded("snap-none"));
        }
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
