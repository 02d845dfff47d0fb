package dev.stratus.agent.driver.libvirt;

import dev.stratus.agent.driver.DriverException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The directory of instance disks; the size of its file system is the host's disk capacity. */
record InstanceStore(Path directory) {

    private static final long GIB = 1024L * 1024 * 1024;

    /** Total size of the file system holding the directory (or its nearest existing parent), in GiB. */
    long capacityGb() {
        Path existing = directory.toAbsolutePath();
        while (existing.getParent() != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            return Files.getFileStore(existing).getTotalSpace() / GIB;
        } catch (IOException e) {
            throw new DriverException("cannot read the size of the file system of " + directory, e);
        }
    }
}
