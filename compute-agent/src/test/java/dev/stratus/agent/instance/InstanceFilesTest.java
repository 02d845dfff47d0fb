package dev.stratus.agent.instance;

import dev.stratus.agent.image.CachedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstanceFilesTest {
    @TempDir
    Path stateDir;

    @Test
    void imagesInUseAreTheOverlaysBackingFilesAndBootFiles() throws Exception {
        Path base = stateDir.resolve("images/base");
        Path kernel = stateDir.resolve("images/kernel");
        Files.createDirectories(base.getParent());
        Files.write(base, new byte[1024 * 1024]);
        Files.write(kernel, new byte[10]);
        InstanceFiles files = new InstanceFiles(stateDir.resolve("instances"), new QemuImg());
        files.prepare("i-a", new CachedImage("img", "sha", "raw", base), 1, List.of());
        files.prepare("i-b", new CachedImage("img", "sha", "raw", base), 1, List.of(kernel));

        assertEquals(Set.of(base, kernel), files.imagesInUse());
        files.remove("i-b");
        assertEquals(Set.of(base), files.imagesInUse());
        files.remove("i-a");
        assertEquals(Set.of(), files.imagesInUse());
    }

    @Test
    void preparesAQcow2OverlayOnTheBaseAndRemovesEverything() throws Exception {
        Path base = stateDir.resolve("base.raw");
        Files.write(base, new byte[1024 * 1024]);
        InstanceFiles files = new InstanceFiles(stateDir.resolve("instances"), new QemuImg());

        files.prepare("i-1", new CachedImage("img", "sha", "raw", base), 1, List.of());
        files.prepare("i-1", new CachedImage("img", "sha", "raw", base), 1, List.of());

        String info = qemuImgInfo(files.disk("i-1"));
        assertTrue(info.contains("\"format\": \"qcow2\""), info);
        assertTrue(info.contains("\"backing-filename\": \"" + base + "\""), info);
        assertTrue(info.contains("\"backing-filename-format\": \"raw\""), info);
        assertTrue(info.contains("\"virtual-size\": 1073741824"), info);
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(files.directory("i-1"))));
        assertTrue(Files.exists(files.consoleLog("i-1")));

        files.remove("i-1");
        files.remove("i-1");
        assertFalse(Files.exists(files.directory("i-1")));
    }

    @Test
    void readsTheConsoleOrItsTail() throws IOException {
        InstanceFiles files = new InstanceFiles(stateDir.resolve("instances"), new QemuImg());
        Files.createDirectories(files.directory("i-2"));
        Files.writeString(files.consoleLog("i-2"), "booting\nSTRATUS-READY\n");

        assertArrayEquals("booting\nSTRATUS-READY\n".getBytes(StandardCharsets.UTF_8),
                files.readConsole("i-2", null).orElseThrow());
        assertEquals("READY\n", new String(files.readConsole("i-2", 6L).orElseThrow(), StandardCharsets.UTF_8));
        assertTrue(files.readConsole("unknown", null).isEmpty());
    }

    @Test
    void refusesABaseThatIsNoDiskAndIdsThatAreNoIds() {
        InstanceFiles files = new InstanceFiles(stateDir.resolve("instances"), new QemuImg());

        assertThrows(InstanceFilesException.class,
                () -> files.prepare("i-3", new CachedImage("k", "sha", "aki", stateDir), 1, List.of()));
        assertThrows(IllegalArgumentException.class, () -> files.directory("../etc"));
    }

    private static String qemuImgInfo(Path disk) throws Exception {
        Process process = new ProcessBuilder("qemu-img", "info", "-U", "--output=json", disk.toString())
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }
}
