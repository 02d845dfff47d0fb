package dev.stratus.agent.instance;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code qemu-img} to create qcow2 overlays on cached base images, to flatten disks for snapshots, and to read
 * and grow a disk's virtual size for a resize.
 */
@Singleton
public class QemuImg {
    private static final long TIMEOUT_SECONDS = 60;
    private static final long FLATTEN_TIMEOUT_SECONDS = 3600;
    private static final Pattern VIRTUAL_SIZE = Pattern.compile("\"virtual-size\"\\s*:\\s*(\\d+)");

    /**
     * Creates {@code overlay} backed by {@code base}.
     *
     * @param baseFormat the base file's format, {@code qcow2} or {@code raw}
     * @param sizeGb     virtual size of the overlay in GiB, or 0 to keep the base image's size
     */
    public void createOverlay(Path base, String baseFormat, Path overlay, int sizeGb) {
        List<String> command = new ArrayList<>(List.of("qemu-img", "create", "-q", "-f", "qcow2", "-F", baseFormat,
                "-b", base.toString(), overlay.toString()));
        if (sizeGb > 0) {
            command.add(sizeGb + "G");
        }
        run(command, TIMEOUT_SECONDS);
    }

    /**
     * Writes {@code disk} and everything under it in its backing chain into {@code target}, a self-contained qcow2.
     * Reads with {@code -U} (no lock), so a running guest's disk is copied as it is on disk: crash-consistent at
     * best while the guest writes.
     */
    public void flatten(Path disk, Path target) {
        run(List.of("qemu-img", "convert", "-U", "-q", "-O", "qcow2", disk.toString(), target.toString()),
                FLATTEN_TIMEOUT_SECONDS);
    }

    /** The virtual size of {@code disk} in bytes (what the guest sees), read without taking its lock. */
    public long virtualSize(Path disk) {
        String json = run(List.of("qemu-img", "info", "-U", "--output=json", disk.toString()), TIMEOUT_SECONDS);
        Matcher size = VIRTUAL_SIZE.matcher(json);
        if (!size.find()) {
            throw new InstanceFilesException("qemu-img info " + disk + " shows no virtual size: " + json);
        }
        return Long.parseLong(size.group(1));
    }

    /** Grows {@code disk} (qcow2, not in use) to {@code sizeGb} GiB; never shrinks it (qemu-img refuses that anyway). */
    public void grow(Path disk, int sizeGb) {
        run(List.of("qemu-img", "resize", "-q", "-f", "qcow2", disk.toString(), sizeGb + "G"), TIMEOUT_SECONDS);
    }

    private static String run(List<String> command, long timeoutSeconds) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output;
            try (var out = process.getInputStream()) {
                output = new String(out.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new InstanceFilesException(String.join(" ", command) + " did not finish in "
                        + timeoutSeconds + " s");
            }
            if (process.exitValue() != 0) {
                throw new InstanceFilesException(String.join(" ", command) + " failed (exit " + process.exitValue()
                        + "): " + output);
            }
            return output;
        } catch (IOException e) {
            throw new InstanceFilesException("cannot run " + String.join(" ", command) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstanceFilesException("interrupted while running qemu-img", e);
        }
    }
}
