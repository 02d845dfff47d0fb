package dev.stratus.agent.reconcile;

import dev.stratus.agent.config.FakeDriverFactory;
import dev.stratus.agent.driver.DriverException;
import dev.stratus.agent.driver.FakeDriver;
import dev.stratus.agent.driver.InstanceSpec;
import dev.stratus.agent.driver.PowerState;
import dev.stratus.agent.events.EventTap;
import dev.stratus.agent.image.ImageServerResource;
import dev.stratus.agent.instance.InstanceFiles;
import dev.stratus.agent.instance.QemuImg;
import dev.stratus.agent.instance.RootDiskCopies;
import dev.stratus.contracts.FlavorSpec;
import dev.stratus.contracts.GuestIdentity;
import dev.stratus.contracts.ImageRef;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.InstancePowerRequested;
import dev.stratus.contracts.InstanceRebuildRequested;
import dev.stratus.contracts.InstanceRemoveRequested;
import dev.stratus.contracts.InstanceResizeClaimed;
import dev.stratus.contracts.InstanceResizeSettled;
import dev.stratus.contracts.InstanceStatusChanged;
import dev.stratus.contracts.InstanceTaskFinished;
import dev.stratus.contracts.PowerOperation;
import dev.stratus.contracts.Topics;
import dev.stratus.contracts.VmState;
import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.platform.events.EventPublisher;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Resizes, their reverts and confirmations, and rebuilds on the agent's reconcile path with the fake driver (shutdown
 * grace 2 s in the test profile), real {@code qemu-img} and the test image-service: what happens to the domain and
 * the disk, what the control plane is told (the task's end, and no incident for the agent's own shutdown), and what
 * the agent would build the instance from afterwards.
 */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServerResource.class, restrictToAnnotatedClass = false)
class DomainTaskReconcileTest {
    private static final String HOST = "test-host";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long GIB = 1024L * 1024 * 1024;
    private static final FlavorSpec SMALL = new FlavorSpec("f-1", "m1.tiny", 1, 128, 1, null);
    private static final FlavorSpec LARGE = new FlavorSpec("f-2", "m1.small", 2, 256, 2, 50);
    private static final GuestIdentity IDENTITY = new GuestIdentity("vm-host", null, null, null, Map.of(), true);

    @Inject
    FakeDriverFactory fakes;
    @Inject
    InstanceFiles files;
    @Inject
    RootDiskCopies copies;
    @Inject
    QemuImg qemuImg;
    @Inject
    DesiredInstances desired;
    @Inject
    DesiredStateJournal journal;
    @Inject
    DomainTaskJournal tasks;
    @Inject
    DesiredStateRecovery recovery;

    private FakeDriver fake;
    private EventPublisher publisher;
    private EventTap tap;
    private String image;

    @BeforeEach
    void connect() {
        fake = fakes.driver();
        publisher = new EventPublisher(StratusTestInfra.bootstrapServers(), "domain-task-test");
        tap = new EventTap(StratusTestInfra.bootstrapServers(), List.of(Topics.INSTANCE_STATUS));
        image = "img-" + UUID.randomUUID();
        ImageServerResource.server().add(image, "raw", new byte[64 * 1024]);
    }

    @AfterEach
    void disconnect() {
        tap.close();
        publisher.close();
    }

    @Test
    void aResizeRedefinesTheStoppedDomainGrowsItsDiskAndStartsItAgainWithoutAnIncident() throws Exception {
        String id = active();
        String reference = UUID.randomUUID().toString();

        publisher.publish(Topics.PLACEMENTS, id, claim(id, reference));

        InstanceTaskFinished finished = awaitTask(id, InstanceTaskFinished.RESIZE, reference);
        assertTrue(finished.succeeded(), finished.fault());
        assertEquals(HOST, finished.host());
        InstanceSpec spec = fake.spec(id).orElseThrow();
        assertEquals(2, spec.vcpus());
        assertEquals(256, spec.ramMb());
        assertEquals(50, spec.cpuQuotaPercent());
        assertTrue(spec.memoryCapMb() > 256);
        assertEquals(List.of("shutdown " + id, "redefine " + id, "powerOn " + id),
                operations(id, "shutdown", "powerOff", "redefine", "powerOn"));
        assertEquals(PowerState.RUNNING, fake.info(id).orElseThrow().powerState());
        assertEquals(2 * GIB, qemuImg.virtualSize(files.disk(id)));
        assertEquals(GIB, qemuImg.virtualSize(copies.beforeResize(id)), "the disk before the resize is kept");
        assertEquals(LARGE, desired.get(id).orElseThrow().placement().flavor());
        assertEquals(LARGE, journaledPlacement(id).flavor(), "a restart builds it with the new flavor");
        assertConfigDrive(id);
        assertEquals(IDENTITY, journaledPlacement(id).identity(), "the guest identity stays");

        publisher.publish(Topics.PLACEMENTS, id, claim(id, reference)); // redelivered
        Thread.sleep(2_500); // and a resync passes
        assertEquals(1, tap.seen(InstanceTaskFinished.class, t -> t.reference().equals(reference)).size());
        assertEquals(1, operations(id, "redefine").size(), "a redelivered claim changes nothing");
        assertTrue(tap.seen(InstanceStatusChanged.class, s -> s.instanceId().equals(id) && s.incident() != null)
                .isEmpty(), "the agent's own shutdown is no incident");
        assertTrue(tap.seen(InstanceStatusChanged.class, s -> s.instanceId().equals(id)
                && s.vmState() != VmState.ACTIVE).isEmpty(), "nothing but ACTIVE reported");
    }

    @Test
    void aGuestThatIgnoresAcpiIsForcedOffAfterTheGracePeriodWithoutAnIncident() {
        String id = active();
        fake.ignoreAcpi(id);
        String reference = UUID.randomUUID().toString();

        long start = System.nanoTime();
        publisher.publish(Topics.PLACEMENTS, id, claim(id, reference));

        assertTrue(awaitTask(id, InstanceTaskFinished.RESIZE, reference).succeeded());
        assertTrue(System.nanoTime() - start >= Duration.ofSeconds(2).toNanos(), "forced before the grace period");
        assertEquals(List.of("shutdown " + id, "powerOff " + id, "redefine " + id, "powerOn " + id),
                operations(id, "shutdown", "powerOff", "redefine", "powerOn"));
        assertEquals(PowerState.RUNNING, fake.info(id).orElseThrow().powerState());
        assertTrue(tap.seen(InstanceStatusChanged.class, s -> s.instanceId().equals(id) && s.incident() != null)
                .isEmpty(), "a domain the agent forced off is not one destroyed behind its back");
    }

    @Test
    void aRevertPutsTheOldDiskAndFlavorBackAndAConfirmationDropsTheCopy() throws Exception {
        String reverted = resized();
        String confirmed = resized();
        byte[] before = Files.readAllBytes(copies.beforeResize(reverted));
        String reference = reference(reverted);

        publisher.publish(Topics.INSTANCE_ACTIONS, reverted, settle(reverted, reference,
                InstanceResizeSettled.Outcome.REVERTED));
        publisher.publish(Topics.INSTANCE_ACTIONS, confirmed, settle(confirmed, reference(confirmed),
                InstanceResizeSettled.Outcome.CONFIRMED));

        InstanceTaskFinished finished = awaitTask(reverted, InstanceTaskFinished.REVERT_RESIZE, reference);
        assertTrue(finished.succeeded(), finished.fault());
        InstanceSpec spec = fake.spec(reverted).orElseThrow();
        assertEquals(1, spec.vcpus());
        assertEquals(128, spec.ramMb());
        assertNull(spec.cpuQuotaPercent());
        assertEquals(PowerState.RUNNING, fake.info(reverted).orElseThrow().powerState());
        assertArrayEquals(before, Files.readAllBytes(files.disk(reverted)), "the old disk is back");
        assertFalse(Files.exists(copies.beforeResize(reverted)), "the copy is gone");
        assertEquals(SMALL, journaledPlacement(reverted).flavor());
        awaitGone(copies.beforeResize(confirmed).toString());
        assertEquals(2 * GIB, qemuImg.virtualSize(files.disk(confirmed)));
        assertEquals(LARGE, journaledPlacement(confirmed).flavor());
        assertTrue(tap.seen(InstanceTaskFinished.class, t -> t.instanceId().equals(confirmed)
                && !t.task().equals(InstanceTaskFinished.RESIZE)).isEmpty(), "a confirmation is not reported");
    }

    @Test
    void aResizeThatFailsPutsEverythingBackAndSaysWhy() throws Exception {
        String id = active();
        String before = sha256(files.disk(id));
        String reference = UUID.randomUUID().toString();
        fake.failNext("powerOn", new DriverException("not enough memory on the host"));

        publisher.publish(Topics.PLACEMENTS, id, claim(id, reference));

        InstanceTaskFinished failed = awaitTask(id, InstanceTaskFinished.RESIZE, reference);
        assertFalse(failed.succeeded());
        assertTrue(failed.fault().contains("not enough memory on the host"), failed.fault());
        assertTrue(failed.fault().contains("back as it was"), failed.fault());
        assertEquals(1, fake.spec(id).orElseThrow().vcpus());
        assertEquals(PowerState.RUNNING, fake.info(id).orElseThrow().powerState());
        assertEquals(before, sha256(files.disk(id)));
        assertEquals(GIB, qemuImg.virtualSize(files.disk(id)));
        assertFalse(Files.exists(copies.beforeResize(id)));
        assertEquals(SMALL, journaledPlacement(id).flavor());
    }

    @Test
    void aStoppedInstanceIsResizedAndStaysStopped() {
        String id = active();
        publisher.publish(Topics.INSTANCE_ACTIONS, id, new InstancePowerRequested(UUID.randomUUID().toString(),
                InstancePowerRequested.VERSION, id, "project-1", HOST, 1, PowerOperation.STOP, Instant.now()));
        awaitStatus(id, VmState.STOPPED);
        String reference = UUID.randomUUID().toString();

        publisher.publish(Topics.PLACEMENTS, id, claim(id, reference));

        assertTrue(awaitTask(id, InstanceTaskFinished.RESIZE, reference).succeeded());
        assertEquals(2, fake.spec(id).orElseThrow().vcpus());
        assertEquals(PowerState.SHUTOFF, fake.info(id).orElseThrow().powerState());
        assertTrue(operations(id, "powerOn").isEmpty(), "not started");
    }

    @Test
    void aRebuildGivesAFreshDiskFromTheNewImageAndKeepsTheRest() throws Exception {
        String id = active();
        String before = sha256(files.disk(id));
        String newImage = "img-" + UUID.randomUUID();
        String kernel = "kernel-" + UUID.randomUUID();
        ImageServerResource.server().add(newImage, "raw", new byte[128 * 1024]);
        ImageServerResource.server().add(kernel, "aki", new byte[4096]);
        String reference = UUID.randomUUID().toString();

        publisher.publish(Topics.INSTANCE_ACTIONS, id, new InstanceRebuildRequested(UUID.randomUUID().toString(),
                InstanceRebuildRequested.VERSION, id, "project-1", HOST, new ImageRef(newImage, kernel, null), SMALL,
                reference, Instant.now()));

        InstanceTaskFinished finished = awaitTask(id, InstanceTaskFinished.REBUILD, reference);
        assertTrue(finished.succeeded(), finished.fault());
        assertNotEquals(before, sha256(files.disk(id)), "a fresh overlay on the new image");
        InstanceSpec spec = fake.spec(id).orElseThrow();
        assertTrue(spec.kernel() != null && files.bootImages(id).contains(spec.kernel()), "boots the new kernel");
        assertEquals(PowerState.RUNNING, fake.info(id).orElseThrow().powerState());
        assertFalse(Files.exists(copies.beforeRebuild(id)), "the old disk is gone");
        assertEquals(newImage, journaledPlacement(id).image().id());
        assertEquals(newImage, desired.get(id).orElseThrow().placement().image().id());
        assertEquals("vm-" + id, journaledPlacement(id).name());
        assertConfigDrive(id);
        assertEquals(IDENTITY, journaledPlacement(id).identity(), "the guest identity stays");
        assertTrue(tap.seen(InstanceStatusChanged.class, s -> s.instanceId().equals(id) && s.incident() != null)
                .isEmpty(), "the agent's own shutdown is no incident");
    }

    @Test
    void aRebuildFromAnImageThatCannotBeFetchedPutsTheOldDiskBack() throws Exception {
        String id = active();
        String before = sha256(files.disk(id));
        String reference = UUID.randomUUID().toString();
        String missing = "missing-" + UUID.randomUUID(); // image-service answers 404

        publisher.publish(Topics.INSTANCE_ACTIONS, id, new InstanceRebuildRequested(UUID.randomUUID().toString(),
                InstanceRebuildRequested.VERSION, id, "project-1", HOST, new ImageRef(missing, null, null), SMALL,
                reference, Instant.now()));

        InstanceTaskFinished failed = awaitTask(id, InstanceTaskFinished.REBUILD, reference);
        assertFalse(failed.succeeded());
        assertTrue(failed.fault().contains(missing) && failed.fault().contains("back as it was"), failed.fault());
        assertEquals(before, sha256(files.disk(id)), "the old disk is back");
        assertFalse(Files.exists(copies.beforeRebuild(id)));
        assertEquals(PowerState.RUNNING, fake.info(id).orElseThrow().powerState());
        assertEquals(image, journaledPlacement(id).image().id());
    }

    @Test
    void aDeleteDuringAResizeWinsAndLeavesNothing() throws Exception {
        String id = active();
        fake.ignoreAcpi(id); // the resize waits for the guest
        String reference = UUID.randomUUID().toString();
        publisher.publish(Topics.PLACEMENTS, id, claim(id, reference));
        awaitOperation("shutdown " + id);

        publisher.publish(Topics.PLACEMENTS, id, new InstanceRemoveRequested(UUID.randomUUID().toString(),
                InstanceRemoveRequested.VERSION, id, HOST, Instant.now()));

        InstanceTaskFinished failed = awaitTask(id, InstanceTaskFinished.RESIZE, reference);
        assertFalse(failed.succeeded());
        assertEquals("the server is being deleted", failed.fault());
        awaitStatus(id, VmState.DELETED);
        assertTrue(fake.info(id).isEmpty());
        assertFalse(Files.exists(files.directory(id)), "no disk, no copy, no journal left");
        assertTrue(operations(id, "redefine").isEmpty());
    }

    @Test
    void aRestartResumesAJournaledResizeAndATaskOfAnUnknownInstanceIsRefused() {
        String id = active();
        String reference = UUID.randomUUID().toString();
        tasks.requested(DomainTask.of(claim(id, reference))); // recorded, then the agent died

        recovery.recover();

        assertTrue(awaitTask(id, InstanceTaskFinished.RESIZE, reference).succeeded());
        assertEquals(2, fake.spec(id).orElseThrow().vcpus());
        String unknown = UUID.randomUUID().toString();
        publisher.publish(Topics.PLACEMENTS, unknown, claim(unknown, reference));
        InstanceTaskFinished refused = awaitTask(unknown, InstanceTaskFinished.RESIZE, reference);
        assertFalse(refused.succeeded());
        assertTrue(refused.fault().contains("is not on host"), refused.fault());
    }

    private String active() {
        String id = UUID.randomUUID().toString();
        publisher.publish(Topics.PLACEMENTS, id, placement(id));
        awaitStatus(id, VmState.ACTIVE);
        return id;
    }

    /** An active instance resized to LARGE, awaiting confirmation; its resize reference is {@link #reference}. */
    private String resized() {
        String id = active();
        publisher.publish(Topics.PLACEMENTS, id, claim(id, reference(id)));
        assertTrue(awaitTask(id, InstanceTaskFinished.RESIZE, reference(id)).succeeded());
        return id;
    }

    private static String reference(String id) {
        return "resize-" + id;
    }

    private static InstanceResizeClaimed claim(String id, String reference) {
        return new InstanceResizeClaimed(UUID.randomUUID().toString(), InstanceResizeClaimed.VERSION, id, "project-1",
                HOST, SMALL, LARGE, reference, Instant.now());
    }

    private static InstanceResizeSettled settle(String id, String reference, InstanceResizeSettled.Outcome outcome) {
        boolean reverted = outcome == InstanceResizeSettled.Outcome.REVERTED;
        return new InstanceResizeSettled(UUID.randomUUID().toString(), InstanceResizeSettled.VERSION, id,
                "project-1", HOST, outcome, reverted ? SMALL : LARGE, reverted ? LARGE : SMALL, reference,
                Instant.now());
    }

    private InstancePlaced placement(String id) {
        return new InstancePlaced(UUID.randomUUID().toString(), InstancePlaced.VERSION, id, "project-1", "vm-" + id,
                HOST, "http://" + HOST + ":8082", SMALL, new ImageRef(image, null, null), Instant.now(), List.of(),
                IDENTITY);
    }

    /** The config drive is attached and its meta_data.json names the instance's host name. */
    private void assertConfigDrive(String id) throws Exception {
        Path drive = fake.spec(id).orElseThrow().configDrive();
        assertEquals(files.directory(id).resolve("disk.config"), drive);
        assertTrue(Files.exists(drive), "the config drive is there");
        assertTrue(dev.stratus.agent.guest.ConfigDrivesTest.isoinfo("-R", "-x", "/openstack/latest/meta_data.json",
                "-i", drive.toString()).contains("\"vm-host\""));
    }

    private InstancePlaced journaledPlacement(String id) {
        return journal.load().stream().filter(e -> e.instanceId().equals(id)).findFirst().orElseThrow().placement();
    }

    private InstanceStatusChanged awaitStatus(String id, VmState state) {
        return tap.await(InstanceStatusChanged.class, s -> s.instanceId().equals(id) && s.vmState() == state, WAIT);
    }

    private InstanceTaskFinished awaitTask(String id, String task, String reference) {
        return tap.await(InstanceTaskFinished.class, t -> t.instanceId().equals(id) && t.task().equals(task)
                && t.reference().equals(reference), WAIT);
    }

    private void awaitOperation(String operation) throws InterruptedException {
        for (int i = 0; i < 200 && !fake.operations().contains(operation); i++) {
            Thread.sleep(50);
        }
        assertTrue(fake.operations().contains(operation), "no " + operation);
    }

    private static void awaitGone(String file) throws InterruptedException {
        for (int i = 0; i < 200 && Files.exists(Path.of(file)); i++) {
            Thread.sleep(50);
        }
        assertFalse(Files.exists(Path.of(file)), file + " is still there");
    }

    private List<String> operations(String id, String... names) {
        List<String> wanted = List.of(names);
        return fake.operations().stream().filter(op -> op.endsWith(" " + id))
                .filter(op -> wanted.contains(op.substring(0, op.indexOf(' ')))).toList();
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
