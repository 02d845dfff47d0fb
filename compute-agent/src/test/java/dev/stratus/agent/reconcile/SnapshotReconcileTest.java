package dev.stratus.agent.reconcile;

import dev.stratus.agent.config.FakeDriverFactory;
import dev.stratus.agent.driver.FakeDriver;
import dev.stratus.agent.driver.PowerState;
import dev.stratus.agent.events.EventTap;
import dev.stratus.agent.events.InstanceTaskReporter;
import dev.stratus.agent.image.ImageServerResource;
import dev.stratus.agent.instance.GatedQemuImg;
import dev.stratus.agent.instance.InstanceFiles;
import dev.stratus.contracts.FlavorSpec;
import dev.stratus.contracts.ImageRef;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.InstancePowerRequested;
import dev.stratus.contracts.InstanceRemoveRequested;
import dev.stratus.contracts.InstanceSnapshotRequested;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshots as tasks of the instance on its reconcile path, with the fake driver, real {@code qemu-img} (held by
 * {@link GatedQemuImg} where a test needs a long flatten) and the test image-service: what the control plane is told
 * ({@link InstanceTaskFinished}, statuses) and what happens to the disk.
 */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServerResource.class, restrictToAnnotatedClass = false)
class SnapshotReconcileTest {
    private static final String HOST = "test-host";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final FlavorSpec FLAVOR = new FlavorSpec("f-1", "m1.tiny", 1, 128, 1, null);

    @Inject
    FakeDriverFactory fakes;
    @Inject
    GatedQemuImg qemuImg;
    @Inject
    InstanceFiles files;
    @Inject
    DesiredStateJournal journal;
    @Inject
    SnapshotJournal snapshots;
    @Inject
    DesiredStateRecovery recovery;
    @Inject
    InstanceTaskReporter tasks;

    private FakeDriver fake;
    private EventPublisher publisher;
    private EventTap tap;
    private String image;

    @BeforeEach
    void connect() {
        fake = fakes.driver();
        publisher = new EventPublisher(StratusTestInfra.bootstrapServers(), "snapshot-test");
        tap = new EventTap(StratusTestInfra.bootstrapServers(), List.of(Topics.INSTANCE_STATUS));
        image = "img-" + UUID.randomUUID();
        ImageServerResource.server().add(image, "raw", new byte[64 * 1024]);
    }

    @AfterEach
    void disconnect() {
        qemuImg.release();
        tap.close();
        publisher.close();
    }

    @Test
    void aLongFlattenBlocksNeitherTheConsumerNorOtherInstancesAndADeleteWaitsForIt() throws Exception {
        String id = active();
        String other = active();
        String snapshot = queuedImage();
        qemuImg.hold();

        publisher.publish(Topics.INSTANCE_ACTIONS, id, snapshotRequest(id, snapshot));
        assertTrue(qemuImg.awaitFlattenStarted(30), "the flatten began");
        publisher.publish(Topics.INSTANCE_ACTIONS, other, new InstancePowerRequested(UUID.randomUUID().toString(),
                InstancePowerRequested.VERSION, other, "project-1", HOST, 1, PowerOperation.PAUSE, Instant.now()));
        awaitStatus(other, VmState.PAUSED); // the consumer thread went on at once
        publisher.publish(Topics.PLACEMENTS, id, new InstanceRemoveRequested(UUID.randomUUID().toString(),
                InstanceRemoveRequested.VERSION, id, HOST, Instant.now()));
        Thread.sleep(1_500);

        assertTrue(fake.info(id).isPresent(), "not destroyed during the flatten");
        assertTrue(Files.exists(files.disk(id)), "the disk is still there during the flatten");
        qemuImg.release();

        InstanceTaskFinished finished = awaitTask(id, snapshot);
        assertTrue(finished.succeeded());
        assertNull(finished.fault());
        assertEquals(InstanceTaskFinished.SNAPSHOT, finished.task());
        assertEquals(HOST, finished.host());
        InstanceStatusChanged deleted = awaitStatus(id, VmState.DELETED);
        assertFalse(qemuImg.diskGoneDuringFlatten(), "the disk was never removed under the flatten");
        assertNotNull(ImageServerResource.server().uploaded(snapshot), "uploaded");
        List<Object> order = tap.seenInOrder();
        assertTrue(order.indexOf(finished) < order.indexOf(deleted), "the snapshot ended before the delete: " + order);
        assertTrue(fake.info(id).isEmpty());
        assertFalse(Files.exists(files.directory(id)));
    }

    @Test
    void aFailingSnapshotIsRetriedThenReportedFailedAndTheInstanceStaysActive() throws Exception {
        String id = active();
        String missing = "missing-" + UUID.randomUUID(); // image-service answers 404

        long start = System.nanoTime();
        publisher.publish(Topics.INSTANCE_ACTIONS, id, snapshotRequest(id, missing));

        InstanceTaskFinished failed = awaitTask(id, missing);
        assertFalse(failed.succeeded());
        assertTrue(failed.fault().contains("does not exist"), failed.fault());
        assertTrue(System.nanoTime() - start >= ReconcileLoop.backoff(1).plus(ReconcileLoop.backoff(2))
                .plus(ReconcileLoop.backoff(3)).toNanos(), "retried with back-off first");
        assertEquals(1, tap.seen(InstanceTaskFinished.class, t -> t.reference().equals(missing)).size());
        assertTrue(tap.seen(InstanceStatusChanged.class, s -> s.instanceId().equals(id)
                && s.vmState() == VmState.ERROR).isEmpty(), "the instance is not in ERROR");
        assertEquals(PowerState.RUNNING, fake.info(id).orElseThrow().powerState());
        awaitNoSnapshotRecord(id);
    }

    @Test
    void aSnapshotOfADeletedInstanceIsReportedFailed() {
        String id = active();
        publisher.publish(Topics.PLACEMENTS, id, new InstanceRemoveRequested(UUID.randomUUID().toString(),
                InstanceRemoveRequested.VERSION, id, HOST, Instant.now()));
        awaitStatus(id, VmState.DELETED);
        String snapshot = queuedImage();

        publisher.publish(Topics.INSTANCE_ACTIONS, id, snapshotRequest(id, snapshot));

        InstanceTaskFinished failed = awaitTask(id, snapshot);
        assertFalse(failed.succeeded());
        assertEquals("the server is being deleted", failed.fault());
        assertNull(ImageServerResource.server().uploaded(snapshot));
        assertFalse(Files.exists(files.directory(id)), "no directory made again for the deleted instance");
    }

    @Test
    void aRestartResumesAPendingSnapshotAndRepublishesAnUnpublishedOutcome() throws Exception {
        String id = active();
        String pending = queuedImage();
        snapshots.requested(snapshotRequest(id, pending)); // recorded, then the agent died
        String done = queuedImage();
        InstanceSnapshotRequested doneRequest = snapshotRequest(id, done);
        snapshots.requested(doneRequest);
        InstanceTaskFinished outcome = tasks.snapshotFinished(id, done, true, null);
        snapshots.finished(outcome); // finished, then the agent died before publishing

        recovery.recover();

        assertTrue(awaitTask(id, pending).succeeded());
        assertNotNull(ImageServerResource.server().uploaded(pending));
        assertEquals(outcome.eventId(), awaitTask(id, done).eventId(), "the recorded outcome, not a new run");
        assertNull(ImageServerResource.server().uploaded(done), "not flattened again");
        awaitNoSnapshotRecord(id);
    }

    @Test
    void aRestartReportsAPendingSnapshotOfAnInstanceBeingRemovedFailed() {
        String id = UUID.randomUUID().toString();
        journal.placed(placement(id));
        journal.removed(id);
        String snapshot = queuedImage();
        snapshots.requested(snapshotRequest(id, snapshot));

        recovery.recover();

        InstanceTaskFinished failed = awaitTask(id, snapshot);
        assertFalse(failed.succeeded());
        assertEquals("the server is being deleted", failed.fault());
        awaitStatus(id, VmState.DELETED);
        assertNull(ImageServerResource.server().uploaded(snapshot));
    }

    private String active() {
        String id = UUID.randomUUID().toString();
        publisher.publish(Topics.PLACEMENTS, id, placement(id));
        awaitStatus(id, VmState.ACTIVE);
        return id;
    }

    private static String queuedImage() {
        String id = "snap-" + UUID.randomUUID();
        ImageServerResource.server().addQueued(id);
        return id;
    }

    private void awaitNoSnapshotRecord(String id) throws InterruptedException {
        Path dir = files.directory(id).resolve("snapshots");
        for (int i = 0; i < 100; i++) {
            try (var records = Files.list(dir)) {
                if (records.findAny().isEmpty()) {
                    return;
                }
            } catch (java.io.IOException e) {
                return; // no directory: no record
            }
            Thread.sleep(100);
        }
        throw new AssertionError("snapshot records left in " + dir);
    }

    private static InstanceSnapshotRequested snapshotRequest(String id, String imageId) {
        return new InstanceSnapshotRequested(UUID.randomUUID().toString(), InstanceSnapshotRequested.VERSION, id,
                "project-1", HOST, imageId, Instant.now());
    }

    private InstancePlaced placement(String id) {
        return new InstancePlaced(UUID.randomUUID().toString(), InstancePlaced.VERSION, id, "project-1", "vm-" + id,
                HOST, "http://" + HOST + ":8082", FLAVOR, new ImageRef(image, null, null), Instant.now());
    }

    private InstanceStatusChanged awaitStatus(String id, VmState state) {
        return tap.await(InstanceStatusChanged.class, s -> s.instanceId().equals(id) && s.vmState() == state, WAIT);
    }

    private InstanceTaskFinished awaitTask(String id, String imageId) {
        return tap.await(InstanceTaskFinished.class, t -> t.instanceId().equals(id) && t.reference().equals(imageId),
                WAIT);
    }
}
