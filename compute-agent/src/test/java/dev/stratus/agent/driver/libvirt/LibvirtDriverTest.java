package dev.stratus.agent.driver.libvirt;

import dev.stratus.agent.driver.DriverException;
import dev.stratus.agent.driver.HostCapabilities;
import dev.stratus.agent.driver.InstanceInfo;
import dev.stratus.agent.driver.InstanceSpec;
import dev.stratus.agent.driver.PowerState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The libvirt driver against the real libvirtd of this machine ({@code qemu:///system}, TCG): boots
 * the busybox test guest, checks its cgroup limits, power actions and removal. Needs root and a
 * running libvirtd + virtlogd ({@code ./stratus test} starts them; by hand: {@code libvirtd -d; virtlogd -d}).
 */
class LibvirtDriverTest {

    private static final String URI = "qemu:///system";
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(60);
    private static final int RAM_MB = 128;
    private static final int OVERHEAD_MB = 192;
    private static final long MIB = 1024 * 1024;

    private static TestGuest guest;
    private static LibvirtDriver driver;
    private static final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();

    @BeforeAll
    static void connect() throws Exception {
        driver = new LibvirtDriver(URI, "qemu", "pc", dev.stratus.agent.QemuReachable.dir(""));
        try {
            driver.capabilities();
        } catch (DriverException e) {
            fail("libvirt is not reachable at " + URI + " (start it as root: `libvirtd -d; virtlogd -d`, or run "
                    + "./stratus test): " + e.getMessage());
        }
        driver.onLifecycleEvent(events::add);
        guest = TestGuest.build();
    }

    @AfterAll
    static void close() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void describesTheHost() {
        HostCapabilities host = driver.capabilities();

        assertFalse(host.hostname().isBlank());
        assertTrue(host.vcpus() >= 1);
        assertTrue(host.ramMb() > 256);
        assertTrue(host.diskGb() > 0);
        assertEquals("qemu", host.virtType());
    }

    @Test
    void spawnedGuestBootsWithinItsCgroupLimitsAnswersPowerActionsAndIsGoneAfterDestroy() throws Exception {
        String id = UUID.randomUUID().toString();
        InstanceSpec spec = guest.instance(id, 1, RAM_MB, 50, RAM_MB + OVERHEAD_MB);
        try {
            long start = System.nanoTime();
            driver.spawn(spec);
            long spawned = System.nanoTime();
            TestGuest.awaitMarker(spec.consoleLog(), id, BOOT_TIMEOUT);
            long booted = System.nanoTime();

            assertEquals(Optional.of(new InstanceInfo(id, PowerState.RUNNING)), driver.info(id));
            assertTrue(driver.list().contains(new InstanceInfo(id, PowerState.RUNNING)));
            awaitEvent(id);
            DomainCgroup cgroup = DomainCgroup.of(id);
            assertEquals(1024, cgroup.read("cpu", "cpu.shares"));
            assertEquals(100_000, cgroup.read("cpu", "cpu.cfs_period_us"));
            assertEquals(50_000, cgroup.read("cpu", "cpu.cfs_quota_us"));
            assertEquals(50_000, cgroup.read("cpu", "vcpu0/cpu.cfs_quota_us"));
            assertEquals((RAM_MB + OVERHEAD_MB) * MIB, cgroup.read("memory", "memory.limit_in_bytes"));
            assertEquals(RAM_MB * MIB, cgroup.read("memory", "memory.soft_limit_in_bytes"));
            long rssKib = cgroup.qemuRssKib();
            System.out.printf("STRATUS-MEASURE spawn() with 50%% CPU cap %d ms, spawn to marker %d ms, QEMU RSS %d MiB for %d MiB RAM%n",
                    (spawned - start) / 1_000_000, (booted - start) / 1_000_000, rssKib / 1024, RAM_MB);

            driver.spawn(spec);
            assertEquals(cgroup.name(), DomainCgroup.of(id).name(), "a second spawn must not restart the guest");

            driver.powerOff(id);
            assertEquals(PowerState.SHUTOFF, driver.info(id).orElseThrow().powerState());
            driver.powerOff(id);
            driver.powerOn(id);
            assertEquals(PowerState.RUNNING, driver.info(id).orElseThrow().powerState());
            DomainCgroup restarted = DomainCgroup.of(id);
            assertNotEquals(cgroup.name(), restarted.name());
            assertEquals((RAM_MB + OVERHEAD_MB) * MIB, restarted.read("memory", "memory.limit_in_bytes"));
            driver.reboot(id);
            assertEquals(PowerState.RUNNING, driver.info(id).orElseThrow().powerState());
            System.out.printf("STRATUS-MEASURE QEMU RSS after reboots %d MiB%n", DomainCgroup.of(id).qemuRssKib() / 1024);
        } finally {
            driver.destroy(id);
        }
        assertEquals(Optional.empty(), driver.info(id));
        assertFalse(driver.list().stream().anyMatch(instance -> instance.instanceId().equals(id)));
        assertTrue(TestGuest.run(List.of("virsh", "-c", URI, "list", "--all", "--name")).lines().noneMatch(id::equals));
        driver.destroy(id);
    }

    @Test
    void powerActionsOnAnUnknownInstanceFailAndQueriesFindNothing() {
        String id = UUID.randomUUID().toString();

        assertEquals(Optional.empty(), driver.info(id));
        assertThrows(DriverException.class, () -> driver.powerOn(id));
        assertThrows(IllegalArgumentException.class, () -> driver.info("not-a-uuid"));
        driver.destroy(id);
    }

    @Test
    void domainsWithoutStratusMetadataAreNotInstances() throws Exception {
        String id = UUID.randomUUID().toString();
        Path xml = Files.writeString(Path.of("target", "foreign-" + id + ".xml"),
                "<domain type='qemu'><name>" + id + "</name><memory unit='MiB'>64</memory>"
                        + "<os><type arch='x86_64'>hvm</type></os></domain>");
        TestGuest.run(List.of("virsh", "-c", URI, "define", xml.toString()));
        try {
            assertEquals(Optional.empty(), driver.info(id));
            assertFalse(driver.list().stream().anyMatch(instance -> instance.instanceId().equals(id)));
        } finally {
            TestGuest.run(List.of("virsh", "-c", URI, "undefine", id));
        }
    }

    @Test
    void reconnectsAndDeliversEventsAgainAfterLibvirtdDropsTheConnection() throws Exception {
        driver.list();
        String pid = Long.toString(ProcessHandle.current().pid());
        List<String> ours = LibvirtClients.ofProcess(pid);
        assertFalse(ours.isEmpty(), "no libvirtd client of this JVM");
        ours.forEach(LibvirtClients::disconnect);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (LibvirtClients.ofProcess(pid).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertFalse(LibvirtClients.ofProcess(pid).isEmpty(), "the driver did not reconnect by itself");

        String id = UUID.randomUUID().toString();
        Path xml = Files.writeString(Path.of("target", "foreign-" + id + ".xml"),
                "<domain type='qemu'><name>" + id + "</name><memory unit='MiB'>64</memory>"
                        + "<os><type arch='x86_64'>hvm</type></os></domain>");
        TestGuest.run(List.of("virsh", "-c", URI, "define", xml.toString()));
        try {
            awaitEvent(id);
        } finally {
            TestGuest.run(List.of("virsh", "-c", URI, "undefine", id));
        }
        assertEquals(Optional.empty(), driver.info(id));
    }

    @Test
    void bootsAboutAsFastAsVirshCreateOfTheSameXml() throws Exception {
        String viaVirsh = UUID.randomUUID().toString();
        InstanceSpec virshSpec = guest.instance(viaVirsh, 1, RAM_MB, null, RAM_MB + OVERHEAD_MB);
        Path xml = Files.writeString(virshSpec.consoleLog().resolveSibling("domain.xml"),
                new DomainXmlWriter().write(DomainSpec.of(virshSpec, "qemu", "pc")));
        try {
            long start = System.nanoTime();
            TestGuest.run(List.of("virsh", "-c", URI, "create", xml.toString()));
            long created = System.nanoTime();
            TestGuest.awaitMarker(virshSpec.consoleLog(), viaVirsh, BOOT_TIMEOUT);
            System.out.printf("STRATUS-MEASURE virsh create %d ms, virsh create to marker %d ms%n",
                    (created - start) / 1_000_000, (System.nanoTime() - start) / 1_000_000);
        } finally {
            TestGuest.run(List.of("virsh", "-c", URI, "destroy", viaVirsh));
        }

        String viaDriver = UUID.randomUUID().toString();
        InstanceSpec driverSpec = guest.instance(viaDriver, 1, RAM_MB, null, RAM_MB + OVERHEAD_MB);
        try {
            long start = System.nanoTime();
            driver.spawn(driverSpec);
            long spawned = System.nanoTime();
            TestGuest.awaitMarker(driverSpec.consoleLog(), viaDriver, BOOT_TIMEOUT);
            System.out.printf("STRATUS-MEASURE spawn() without CPU cap %d ms, spawn to marker %d ms%n",
                    (spawned - start) / 1_000_000, (System.nanoTime() - start) / 1_000_000);
        } finally {
            driver.destroy(viaDriver);
        }
    }

    private static void awaitEvent(String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String event = events.poll(100, TimeUnit.MILLISECONDS);
            if (id.equals(event)) {
                return;
            }
        }
        fail("no lifecycle event for " + id);
    }
}
