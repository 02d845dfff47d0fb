package dev.stratus.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where real-libvirt tests keep the files QEMU opens (disks, kernels, console logs): {@code target/<name>} when
 * QEMU's user (libvirt-qemu) can pass every directory above it, otherwise {@code /var/lib/stratus/test-<digest of
 * the module>/<name>}. A checkout under /root (mode 0700 on Debian) is out of QEMU's reach, as {@code ./stratus up}
 * finds for the stack's own files.
 */
public final class QemuReachable {
    private QemuReachable() {
    }

    public static Path dir(String name) {
        Path target = Path.of("target").toAbsolutePath().normalize();
        Path base = reachable(target) ? target : Path.of("/var/lib/stratus", "test-" + digest(target.toString()));
        try {
            Files.createDirectories(base);
            if (!base.equals(target)) {
                open(Path.of("/var/lib/stratus"));
                open(base);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return base.resolve(name);
    }

    /** Whether others may pass every directory from the root down to {@code dir}. */
    static boolean reachable(Path dir) {
        try {
            for (Path p = dir; p != null; p = p.getParent()) {
                if (Files.exists(p) && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void open(Path dir) throws IOException {
        var modes = Files.getPosixFilePermissions(dir);
        modes.add(PosixFilePermission.OTHERS_EXECUTE);
        modes.add(PosixFilePermission.GROUP_EXECUTE);
        Files.setPosixFilePermissions(dir, modes);
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
