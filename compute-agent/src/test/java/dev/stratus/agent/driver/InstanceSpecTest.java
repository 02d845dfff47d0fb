package dev.stratus.agent.driver;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InstanceSpecTest {

    private static final String ID = "3f2c8a9e-1b7d-4c52-9e0f-6a1d2b3c4d5e";
    private static final Path DISK = Path.of("/d/disk.qcow2");
    private static final Path LOG = Path.of("/d/console.log");

    @Test
    void acceptsADiskBootedInstanceWithoutCpuCap() {
        assertDoesNotThrow(() -> new InstanceSpec(ID, 1, 128, null, 320, DISK, null, null, null, LOG));
    }

    @Test
    void rejectsWhatCannotRun() {
        assertThrows(IllegalArgumentException.class, () -> new InstanceSpec(ID, 0, 128, null, 320, DISK, null, null, null, LOG));
        assertThrows(IllegalArgumentException.class, () -> new InstanceSpec(ID, 1, 128, 0, 320, DISK, null, null, null, LOG));
        assertThrows(IllegalArgumentException.class, () -> new InstanceSpec(ID, 1, 128, null, 64, DISK, null, null, null, LOG));
        assertThrows(IllegalArgumentException.class,
                () -> new InstanceSpec(ID, 1, 128, null, 320, DISK, null, Path.of("/initrd"), null, LOG));
        assertThrows(NullPointerException.class, () -> new InstanceSpec(ID, 1, 128, null, 320, null, null, null, null, LOG));
    }
}
