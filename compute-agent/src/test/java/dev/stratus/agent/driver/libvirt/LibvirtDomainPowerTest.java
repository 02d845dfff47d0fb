package dev.stratus.agent.driver.libvirt;

import dev.stratus.agent.driver.DriverException;
import dev.stratus.agent.driver.InstanceInfo;
import dev.stratus.agent.driver.InstanceSpec;
import dev.stratus.agent.driver.PowerState;
import dev.stratus.agent.driver.ShutoffReason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The driver's power operations on the real libvirtd ({@code qemu:///system}, TCG) with the busybox test guest,
 * which obeys its ACPI power button: why a domain is shut off (the guest's own shutdown, a destroy, a dead QEMU),
 * soft and hard reboots seen as resets, pause, and suspend to a managed save image and back.
 */
class LibvirtDomainPowerTest {

    private static final String URI = "qemu:///system";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static TestGuest guest;
    private static LibvirtDriver driver;

    @BeforeAll
    static void connect() throws Exception {
        driver = new LibvirtDriver(URI, "qemu", "pc", dev.stratus.agent.QemuReachable.dir(""));
        try {
            driver.capabilities();
        } catch (DriverException e) {
            fail("libvirt is not reachable at " + URI + " (start it as root: `libvirtd -d; virtlogd -d`): "
                    + e.getMessage());
        }
        driver.onLifecycleEvent(id -> { });
        guest = TestGuest.build();
    }

    @AfterAll
    static void close() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void aGuestShutdownADestroyAndADeadQemuLeaveDifferentReasons() throws Exception {
        String id = UUID.randomUUID().toString();
        InstanceSpec spec = booted(id);
        try {
            driver.shutdown(id);
            InstanceInfo off = await(id, i -> i.powerState() == PowerState.SHUTOFF);
            assertEquals(ShutoffReason.GUEST_SHUTDOWN, off.shutoffReason());
            TestGuest.awaitConsole(spec.consoleLog(), "STRATUS-POWER-BUTTON", TIMEOUT);

            driver.powerOn(id);
            assertEquals(PowerState.RUNNING, driver.info(id).orElseThrow().powerState());
            driver.powerOff(id);
            assertEquals(ShutoffReason.DESTROYED, driver.info(id).orElseThrow().shutoffReason());

            driver.powerOn(id);
            String pid = TestGuest.run(List.of("pgrep", "-f", "guest=" + id)).lines().findFirst().orElseThrow();
            TestGuest.run(List.of("kill", "-9", pid.trim()));
            assertEquals(ShutoffReason.CRASHED, await(id, i -> i.powerState() == PowerState.SHUTOFF).shutoffReason());
        } finally {
            driver.destroy(id);
        }
    }

    @Test
    void aSoftRebootIsSeenAsAResetAndSoIsAHardOne() throws Exception {
        String id = UUID.randomUUID().toString();
        booted(id);
        try {
            long before = driver.info(id).orElseThrow().resets();
            driver.softReboot(id);
            InstanceInfo rebooted = await(id, i -> i.resets() > before);
            assertEquals(PowerState.RUNNING, rebooted.powerState());

            driver.reboot(id);
            InstanceInfo reset = await(id, i -> i.resets() > rebooted.resets());
            assertEquals(PowerState.RUNNING, reset.powerState());
        } finally {
            driver.destroy(id);
        }
    }

    @Test
    void pausesAndSuspendsToDiskAndComesBack() throws Exception {
        String id = UUID.randomUUID().toString();
        booted(id);
        try {
            driver.pause(id);
            driver.pause(id);
            assertEquals(PowerState.PAUSED, driver.info(id).orElseThrow().powerState());
            driver.unpause(id);
            assertEquals(PowerState.RUNNING, driver.info(id).orElseThrow().powerState());

            driver.suspend(id);
            InstanceInfo saved = driver.info(id).orElseThrow();
            assertEquals(PowerState.SHUTOFF, saved.powerState());
            assertEquals(ShutoffReason.SAVED, saved.shutoffReason());
            assertTrue(saved.savedToDisk());
            driver.suspend(id);

            driver.powerOn(id);
            InstanceInfo restored = driver.info(id).orElseThrow();
            assertEquals(PowerState.RUNNING, restored.powerState());
            assertFalse(restored.savedToDisk());

            driver.suspend(id);
            driver.discardSavedMemory(id);
            assertFalse(driver.info(id).orElseThrow().savedToDisk());
            assertThrows(DriverException.class, () -> driver.pause(id)); // shut off: nothing to pause
        } finally {
            driver.destroy(id);
        }
        assertTrue(driver.info(id).isEmpty());
    }

    /** Spawns the guest and waits until its power button is watched (its modules are loaded). */
    private static InstanceSpec booted(String id) throws Exception {
        InstanceSpec spec = guest.instance(id, 1, 128, null, 128 + 192);
        driver.spawn(spec);
        TestGuest.awaitConsole(spec.consoleLog(), "STRATUS-MODULES", TIMEOUT);
        Thread.sleep(300);
        return spec;
    }

    private static InstanceInfo await(String id, Predicate<InstanceInfo> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        InstanceInfo info = null;
        while (System.nanoTime() < deadline) {
            info = driver.info(id).orElseThrow();
            if (condition.test(info)) {
                return info;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("instance " + id + " did not get there within " + TIMEOUT + ": " + info);
    }
}
