package dev.stratus.agent.reconcile;

import dev.stratus.agent.client.ApiServiceClient;
import dev.stratus.agent.client.HostInstancesClient;
import dev.stratus.agent.client.HostInstancesDouble;
import dev.stratus.agent.client.HostInstancesDouble.Listed;
import dev.stratus.agent.config.FakeDriverFactory;
import dev.stratus.agent.config.HostIdentity;
import dev.stratus.agent.driver.FakeDriver;
import dev.stratus.agent.driver.PowerState;
import dev.stratus.agent.events.EventTap;
import dev.stratus.agent.image.ImageServerResource;
import dev.stratus.agent.instance.InstanceFiles;
import dev.stratus.contracts.FlavorSpec;
import dev.stratus.contracts.GuestIdentity;
import dev.stratus.contracts.ImageRef;
import dev.stratus.contracts.Incident;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.InstanceStatusChanged;
import dev.stratus.contracts.Topics;
import dev.stratus.contracts.VmState;
import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.platform.auth.ServiceLogin;
import dev.stratus.platform.events.EventPublisher;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent converging to the control plane's desired state for its host ({@link HostInstancesDouble} stands in for
 * api-service's route): instances it does not know (a wiped agent: no journal, no domain) are built again in their
 * power state, a missed power request is applied, DELETED is removed, and neither an unreachable api-service nor an
 * instance the control plane does not list changes anything.
 */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = HostInstancesDouble.class, restrictToAnnotatedClass = false)
class DesiredStateSyncTest {
    private static final String HOST = "test-host";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final FlavorSpec FLAVOR = new FlavorSpec("f-1", "m1.tiny", 1, 128, 1, null);

    @Inject
    FakeDriverFactory fakes;
    @Inject
    DesiredStateSync sync;
    @Inject
    DesiredInstances desired;
    @Inject
    InstanceFiles files;
    @Inject
    HostIdentity identity;
    @Inject
    DesiredStateJournal journal;
    @Inject
    InstanceWorkQueue queue;
    @Inject
    UnknownInstanceAdoption adoption;

    private FakeDriver fake;
    private EventPublisher publisher;
    private EventTap tap;
    private String image;

    @BeforeEach
    void connect() {
        fake = fakes.driver();
        publisher = new EventPublisher(StratusTestInfra.bootstrapServers(), "sync-test");
        tap = new EventTap(StratusTestInfra.bootstrapServers(), List.of(Topics.INSTANCE_STATUS));
        image = "img-" + UUID.randomUUID();
        ImageServerResource.server().add(image, "raw", new byte[512]);
    }

    @AfterEach
    void disconnect() {
        HostInstancesDouble.failWith(0);
        HostInstancesDouble.list(HOST, List.of());
        tap.close();
        publisher.close();
    }

    @Test
    void aWipedAgentBuildsEveryListedInstanceAgainInItsPowerState() {
        String running = UUID.randomUUID().toString();
        String stopped = UUID.randomUUID().toString();
        String paused = UUID.randomUUID().toString();
        String suspended = UUID.randomUUID().toString();
        String firstBuild = UUID.randomUUID().toString();
        HostInstancesDouble.list(HOST, List.of(
                new Listed(running, placement(running, image).withIdentity(new GuestIdentity("vm-running", null,
                        null, null, Map.of(), true)), "RUNNING", 0, null, "ACTIVE"),
                new Listed(stopped, placement(stopped, image), "STOPPED", 2, "STOP", "STOPPED"),
                new Listed(paused, placement(paused, image), "PAUSED", 1, "PAUSE", null),
                new Listed(suspended, placement(suspended, image), "SUSPENDED", 3, "SUSPEND", null),
                new Listed(firstBuild, placement(firstBuild, image), "RUNNING", 0, null, "BUILDING")));

        assertEquals(Optional.of(5), sync.sync());

        assertEquals(Incident.REBUILT_MISSING_DOMAIN, await(running, VmState.ACTIVE, 0).incident());
        assertEquals(PowerState.RUNNING, fake.info(running).orElseThrow().powerState());
        assertEquals(Incident.REBUILT_MISSING_DOMAIN, await(stopped, VmState.STOPPED, 2).incident());
        assertEquals(PowerState.SHUTOFF, fake.info(stopped).orElseThrow().powerState());
        assertFalse(fake.operations().contains("shutdown " + stopped), "a rebuilt stopped domain is not asked");
        assertEquals(Incident.REBUILT_MISSING_DOMAIN, await(paused, VmState.PAUSED, 1).incident());
        assertEquals(PowerState.PAUSED, fake.info(paused).orElseThrow().powerState());
        assertEquals(Incident.REBUILT_MISSING_DOMAIN, await(suspended, VmState.SUSPENDED, 3).incident());
        assertTrue(fake.info(suspended).orElseThrow().savedToDisk());
        assertNull(await(firstBuild, VmState.ACTIVE, 0).incident(), "a first build is no rebuild");
        assertTrue(Files.exists(files.directory(stopped).resolve("placement.json")), "journaled");
        assertEquals(files.directory(running).resolve("disk.config"), fake.spec(running).orElseThrow().configDrive());
        assertTrue(Files.exists(files.directory(running).resolve("disk.config")), "its config drive is built again");
        assertNull(fake.spec(stopped).orElseThrow().configDrive(), "a placement without identity has no drive");
        assertTrue(Files.exists(files.directory(stopped).resolve("power.json")), "journaled");
    }

    @Test
    void anInstanceThatCannotBeBuiltEndsInErrorSayingWhy() {
        String imageGone = UUID.randomUUID().toString();
        String noPlacement = UUID.randomUUID().toString();
        HostInstancesDouble.list(HOST, List.of(
                new Listed(imageGone, placement(imageGone, "img-deleted-" + UUID.randomUUID()), "RUNNING", 0, null,
                        "ACTIVE"),
                new Listed(noPlacement, null, "RUNNING", 0, null, "ACTIVE")));

        sync.sync();

        InstanceStatusChanged gone = await(imageGone, VmState.ERROR, 0);
        assertTrue(gone.fault().contains("does not exist in image-service"), gone.fault());
        assertEquals(UnknownInstanceAdoption.NO_PLACEMENT, await(noPlacement, VmState.ERROR, 0).fault());
        assertTrue(fake.info(imageGone).isEmpty());
        assertTrue(tap.seen(InstanceStatusChanged.class, s -> (s.instanceId().equals(imageGone)
                || s.instanceId().equals(noPlacement)) && s.vmState() == VmState.ACTIVE).isEmpty());
    }

    @Test
    void aMissedStopIsAppliedByThePeriodicSync() {
        String id = active();
        long reads = HostInstancesDouble.reads();

        HostInstancesDouble.list(HOST, List.of(new Listed(id, placement(id, image), "STOPPED", 1, "STOP", "ACTIVE")));

        await(id, VmState.STOPPED, 1); // within a sync interval (3 s in tests)
        assertTrue(HostInstancesDouble.reads() > reads);
        assertEquals(PowerState.SHUTOFF, fake.info(id).orElseThrow().powerState());
        assertEquals(1, desired.get(id).orElseThrow().power().generation());
    }

    @Test
    void anInstanceTheControlPlaneDeletesIsRemoved() {
        String id = active();
        HostInstancesDouble.list(HOST, List.of(new Listed(id, placement(id, image), "DELETED", 0, null, "ACTIVE")));

        sync.sync();

        await(id, VmState.DELETED, 0);
        assertTrue(fake.info(id).isEmpty());
        assertFalse(Files.exists(files.directory(id).resolve("disk.qcow2")));
    }

    @Test
    void anUnreachableOrFailingApiServiceChangesNothing() throws InterruptedException {
        String id = active();
        DesiredInstance before = desired.get(id).orElseThrow();
        DesiredStateSync unreachable = new DesiredStateSync(new HostInstancesClient(new ServiceLogin("compute-agent",
                "http://127.0.0.1:1", "compute-agent", "service", Optional.of("x"), Duration.ofSeconds(2)),
                QuarkusRestClientBuilder.newBuilder().baseUri(URI.create("http://127.0.0.1:1"))
                        .build(ApiServiceClient.class)), identity, desired, journal, queue, adoption);
        HostInstancesDouble.failWith(503);

        assertEquals(Optional.empty(), unreachable.sync());
        assertEquals(Optional.empty(), sync.sync());
        Thread.sleep(1_500);

        assertEquals(PowerState.RUNNING, fake.info(id).orElseThrow().powerState());
        assertEquals(before.target(), desired.get(id).orElseThrow().target());
        assertTrue(tap.seen(InstanceStatusChanged.class, s -> s.instanceId().equals(id)
                && s.vmState() != VmState.ACTIVE).isEmpty());
    }

    @Test
    void anInstanceTheControlPlaneDoesNotListIsLeftAlone() throws InterruptedException {
        String id = active();
        String other = UUID.randomUUID().toString();
        HostInstancesDouble.list(HOST, List.of(new Listed(other, placement(other, image), "RUNNING", 0, null,
                "ACTIVE")));

        assertEquals(Optional.of(1), sync.sync());
        await(other, VmState.ACTIVE, 0);
        Thread.sleep(1_000);

        assertEquals(PowerState.RUNNING, fake.info(id).orElseThrow().powerState());
        assertEquals(DesiredState.RUNNING, desired.get(id).orElseThrow().target());
        assertTrue(tap.seen(InstanceStatusChanged.class, s -> s.instanceId().equals(id)
                && s.vmState() != VmState.ACTIVE).isEmpty());
    }

    private String active() {
        String id = UUID.randomUUID().toString();
        publisher.publish(Topics.PLACEMENTS, id, placement(id, image));
        await(id, VmState.ACTIVE, 0);
        return id;
    }

    private static InstancePlaced placement(String id, String imageId) {
        return new InstancePlaced(UUID.randomUUID().toString(), InstancePlaced.VERSION, id, "project-1", "vm-" + id,
                HOST, "http://" + HOST + ":8082", FLAVOR, new ImageRef(imageId, null, null), Instant.now());
    }

    private InstanceStatusChanged await(String id, VmState state, long generation) {
        return tap.await(InstanceStatusChanged.class, s -> s.instanceId().equals(id) && s.vmState() == state
                && s.generation() == generation, WAIT);
    }
}
