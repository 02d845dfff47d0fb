package dev.stratus.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Looks at the host directly — libvirt and the cgroup files — to check what the API claims. */
final class HostProbe {
    private HostProbe() {
    }

    /** The domain's state as {@code virsh domstate} prints it, or empty when the domain does not exist. */
    static Optional<String> domainState(String name) {
        Result r = exec("virsh", "-c", "qemu:///system", "domstate", name);
        return r.code == 0 ? Optional.of(r.out.trim()) : Optional.empty();
    }

    /**
     * A file of the domain's cgroup for one controller, found through the QEMU process's /proc/pid/cgroup (the
     * process itself sits in the domain's {@code emulator} child; limits are set on the domain's group).
     */
    static String cgroupValue(String domain, String controller, String file) {
        try {
            String pid = Files.readString(Path.of("/run/libvirt/qemu/" + domain + ".pid")).trim();
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"))) {
                String[] parts = line.split(":", 3);
                if (List.of(parts[1].split(",")).contains(controller)) {
                    String group = parts[2].replaceFirst("/(emulator|vcpu\\d+)$", "");
                    return Files.readString(Path.of("/sys/fs/cgroup", controller, group, file)).trim();
                }
            }
            throw new AssertionError("QEMU process " + pid + " is in no " + controller + " cgroup");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Result(int code, String out) {
    }

    static Result exec(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", command));
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
