package dev.stratus.image.rest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Disk images made with the real qemu-img for the validation tests, in {@code target/disk-fixtures}. */
final class DiskFixtures {
    static final Path DIR = Path.of("target/disk-fixtures").toAbsolutePath();

    private DiskFixtures() {
    }

    static byte[] qcow2(String... options) throws Exception {
        Path file = DIR.resolve(UUID.randomUUID() + ".qcow2");
        List<String> command = new ArrayList<>(List.of("qemu-img", "create", "-q", "-f", "qcow2"));
        for (String option : options) {
            command.add(option);
        }
        command.add(file.toString());
        command.add("16M");
        return make(file, command);
    }

    static byte[] vmdk() throws Exception {
        Path file = DIR.resolve(UUID.randomUUID() + ".vmdk");
        return make(file, List.of("qemu-img", "create", "-q", "-f", "vmdk", file.toString(), "8M"));
    }

    /** A file that only qemu-img's probing can tell from raw: 64 KiB of zeros with an ISO 9660 descriptor. */
    static byte[] iso() {
        byte[] data = new byte[64 * 1024];
        System.arraycopy("\u0001CD001".getBytes(), 0, data, 0x8000, 6);
        return data;
    }

    static Path scratch(String name, byte[] data) throws IOException {
        Files.createDirectories(DIR);
        return Files.write(DIR.resolve(name), data);
    }

    private static byte[] make(Path file, List<String> command) throws Exception {
        Files.createDirectories(DIR);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command + " failed: " + out);
        }
        return Files.readAllBytes(file);
    }
}
