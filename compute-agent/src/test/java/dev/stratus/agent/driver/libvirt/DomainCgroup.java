package dev.stratus.agent.driver.libvirt;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/** The cgroup v1 directories libvirt creates for a running domain: machine/qemu-N-NAME.libvirt-qemu. */
final class DomainCgroup {

    private static final Path ROOT = Path.of("/sys/fs/cgroup");

    private final String directory;

    private DomainCgroup(String directory) {
        this.directory = directory;
    }

    static DomainCgroup of(String domainName) throws IOException {
        try (DirectoryStream<Path> machines = Files.newDirectoryStream(ROOT.resolve("cpu/machine"),
                "qemu-*-" + domainName + ".libvirt-qemu")) {
            for (Path path : machines) {
                return new DomainCgroup(path.getFileName().toString());
            }
        }
        return fail("no cgroup of domain " + domainName + " under " + ROOT.resolve("cpu/machine"));
    }

    String name() {
        return directory;
    }

    long read(String controller, String file) throws IOException {
        return Long.parseLong(Files.readString(ROOT.resolve(controller).resolve("machine").resolve(directory)
                .resolve(file)).trim());
    }

    /** Resident set size in KiB of the domain's QEMU process(es). */
    long qemuRssKib() throws IOException {
        long total = 0;
        for (String pid : Files.readAllLines(ROOT.resolve("memory/machine").resolve(directory).resolve("cgroup.procs"))) {
            for (String line : Files.readAllLines(Path.of("/proc", pid.trim(), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    total += Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        }
        return total;
    }
}
