package dev.stratus.agent.reconcile;

import dev.stratus.agent.config.FakeDriverFactory;
import dev.stratus.agent.driver.FakeDriver;
import dev.stratus.agent.driver.InstanceSpec;
import dev.stratus.agent.driver.PowerState;
import dev.stratus.agent.driver.ShutoffReason;
import dev.stratus.agent.events.EventTap;
import dev.stratus.agent.image.ImageServerResource;
import dev.stratus.contracts.FlavorSpec;
import dev.stratus.contracts.ImageRef;
import dev.stratus.contracts.Incident;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.InstancePowerRequested;
import dev.stratus.contracts.InstanceStatusChanged;
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

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent converging power requests with the fake driver (shutdown grace 2 s in the test profile): what it does
 * to the domain and what it reports (vm_state, the generation applied, the incident).
 */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServerResource.class, restrictToAnnotatedClass = false)
class PowerReconcileTest {
    private static final String HOST = "test-host";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final FlavorSpec FLAVOR = new FlavorSpec("f-1", "m1.tiny", 1, 128, 1, null);

    @Inject
    FakeDriverFactory fakes;
    @Inject
    DesiredStateJournal journal;
    @Inject
    DesiredStateRecovery recovery;

    private FakeDriver fake;
    private EventPublisher publisher;
    private EventTap tap;
    private String image;

    @BeforeEach
    void connect() {
        fake = fakes.driver();
        publisher = new EventPublisher(StratusTestInfra.bootstrapServers(), "power-test");
        tap = new EventTap(StratusTestInfra.bootstrapServers(), List.of(Topics.INSTANCE_STATUS));
        image = "img-" + UUID.randomUUID();
        ImageServerResource.server().add(image, "raw", new byte[512]);
    }

    @AfterEach
    void disconnect() {
        tap.close();
        publisher.close();
    }

    @Test
    void aStopWaitsForTheGuestThenForcesItOffAfterTheGracePeriod() {
        String obeys = active();
        String deaf = active();
        fake.ignoreAcpi(deaf);

        long start = System.nanoTime();
        power(obeys, 1, PowerOperation.STOP);
        power(deaf, 1, PowerOperation.STOP);

        await(obeys, VmState.STOPPED, 1);
        assertFalse(fake.operations().contains("powerOff " + obeys));
        await(deaf, VmState.STOPPED, 1);
        assertTrue(System.nanoTime() - start >= Duration.ofSeconds(2).toNanos(), "forced before the grace period");
        assertEquals(List.of("shutdown " + deaf, "powerOff " + deaf), operations(deaf, "shutdown", "powerOff"));
        assertEquals(ShutoffReason.DESTROYED, fake.info(deaf).orElseThrow().shutoffReason());
    }

    @Test
    void aForceStopDoesNotWait() {
        String id = active();
        fake.ignoreAcpi(id);

        power(id, 1, PowerOperation.FORCE_STOP);

        await(id, VmState.STOPPED, 1);
        assertEquals(List.of("powerOff " + id), operations(id, "shutdown", "powerOff"));
    }

    @Test
    void aGuestThatShutsItselfDownStaysStoppedUntilAStart() throws InterruptedException {
        String id = active();

        fake.stopBehindTheAgentsBack(id, ShutoffReason.GUEST_SHUTDOWN);

        InstanceStatusChanged stopped = await(id, VmState.STOPPED, 0);
        assertEquals(Incident.GUEST_SHUTDOWN, stopped.incident());
        Thread.sleep(2_500); // a resync passes
        assertEquals(PowerState.SHUTOFF, fake.info(id).orElseThrow().powerState());

        power(id, 1, PowerOperation.START);
        InstanceStatusChanged started = await(id, VmState.ACTIVE, 1);
        assertNull(started.incident());
        assertEquals(PowerState.RUNNING, fake.info(id).orElseThrow().powerState());
    }

    @Test
    void aDestroyedOrCrashedDomainIsStartedAgainAndSaysWhy() {
        String destroyed = active();
        String crashed = active();

        fake.stopBehindTheAgentsBack(destroyed, ShutoffReason.DESTROYED);
        fake.stopBehindTheAgentsBack(crashed, ShutoffReason.CRASHED);

        assertEquals(VmState.ACTIVE, awaitIncident(destroyed, Incident.RESTARTED_AFTER_DESTROY).vmState());
        assertEquals(PowerState.RUNNING, fake.info(destroyed).orElseThrow().powerState());
        assertEquals(VmState.ACTIVE, awaitIncident(crashed, Incident.RESTARTED_AFTER_CRASH).vmState());
        assertEquals(PowerState.RUNNING, fake.info(crashed).orElseThrow().powerState());
    }

    @Test
    void aMissingDomainIsBuiltAgainAndSaysSo() {
        String id = active();

        fake.destroy(id);

        assertEquals(VmState.ACTIVE, awaitIncident(id, Incident.REBUILT_MISSING_DOMAIN).vmState());
        assertEquals(PowerState.RUNNING, fake.info(id).orElseThrow().powerState());
    }

    @Test
    void aStaleGenerationChangesNothing() throws InterruptedException {
        String id = active();
        power(id, 2, PowerOperation.FORCE_STOP);
        await(id, VmState.STOPPED, 2);

        power(id, 1, PowerOperation.START);
        power(id, 2, PowerOperation.START);
        Thread.sleep(1_500);

        assertEquals(PowerState.SHUTOFF, fake.info(id).orElseThrow().powerState());
        assertFalse(fake.operations().contains("powerOn " + id));
        power(id, 3, PowerOperation.START);
        await(id, VmState.ACTIVE, 3);
    }

    @Test
    void pausesAndUnpauses() {
        String id = active();

        power(id, 1, PowerOperation.PAUSE);
        assertEquals("PAUSED", await(id, VmState.PAUSED, 1).powerState());
        power(id, 2, PowerOperation.UNPAUSE);

        assertEquals("RUNNING", await(id, VmState.ACTIVE, 2).powerState());
    }

    @Test
    void suspendsToDiskAndResumes() {
        String id = active();

        power(id, 1, PowerOperation.SUSPEND);
        assertEquals("SHUTOFF", await(id, VmState.SUSPENDED, 1).powerState());
        assertTrue(fake.info(id).orElseThrow().savedToDisk());
        power(id, 2, PowerOperation.RESUME);

        await(id, VmState.ACTIVE, 2);
        assertFalse(fake.info(id).orElseThrow().savedToDisk());
    }

    @Test
    void rebootsReportTheirGenerationThoughTheStateStaysActive() {
        String id = active();

        power(id, 1, PowerOperation.SOFT_REBOOT);
        await(id, VmState.ACTIVE, 1);
        assertEquals(1, fake.info(id).orElseThrow().resets());
        power(id, 2, PowerOperation.HARD_REBOOT);
        await(id, VmState.ACTIVE, 2);
        assertEquals(2, fake.info(id).orElseThrow().resets());

        fake.ignoreAcpi(id);
        long start = System.nanoTime();
        power(id, 3, PowerOperation.SOFT_REBOOT);
        await(id, VmState.ACTIVE, 3);
        assertTrue(System.nanoTime() - start >= Duration.ofSeconds(2).toNanos(), "reset before the grace period");
        assertEquals(3, fake.info(id).orElseThrow().resets());
        assertEquals(List.of("softReboot " + id, "reboot " + id, "softReboot " + id, "reboot " + id),
                operations(id, "softReboot", "reboot"));
    }

    @Test
    void afterARestartTheJournaledRequestDecidesNotWhatTheDomainShows() {
        String stop = UUID.randomUUID().toString();
        journal.placed(placement(stop));
        journal.powerRequested(request(stop, 5, PowerOperation.STOP));
        fake.spawn(spec(stop));
        String guestOff = UUID.randomUUID().toString();
        journal.placed(placement(guestOff));
        journal.powerRequested(request(guestOff, 3, PowerOperation.START));
        journal.progress(guestOff, 3, 3);
        fake.spawn(spec(guestOff));
        fake.stopBehindTheAgentsBack(guestOff, ShutoffReason.GUEST_SHUTDOWN);
        String notStarted = UUID.randomUUID().toString();
        journal.placed(placement(notStarted));
        journal.powerRequested(request(notStarted, 4, PowerOperation.START));
        journal.progress(notStarted, 3, 2);
        fake.spawn(spec(notStarted));
        fake.stopBehindTheAgentsBack(notStarted, ShutoffReason.GUEST_SHUTDOWN);
        String reboot = UUID.randomUUID().toString();
        journal.placed(placement(reboot));
        journal.powerRequested(request(reboot, 7, PowerOperation.SOFT_REBOOT));
        journal.progress(reboot, 6, 6);
        fake.spawn(spec(reboot));

        recovery.recover();

        await(stop, VmState.STOPPED, 5);
        assertEquals(Incident.GUEST_SHUTDOWN, await(guestOff, VmState.STOPPED, 3).incident());
        assertEquals(PowerState.SHUTOFF, fake.info(guestOff).orElseThrow().powerState());
        await(notStarted, VmState.ACTIVE, 4);
        await(reboot, VmState.ACTIVE, 7);
        assertEquals(1, fake.info(reboot).orElseThrow().resets());
    }

    private String active() {
        String id = UUID.randomUUID().toString();
        publisher.publish(Topics.PLACEMENTS, id, placement(id));
        await(id, VmState.ACTIVE, 0);
        return id;
    }

    private void power(String id, long generation, PowerOperation operation) {
        publisher.publish(Topics.INSTANCE_ACTIONS, id, request(id, generation, operation));
    }

    private static InstancePowerRequested request(String id, long generation, PowerOperation operation) {
        return new InstancePowerRequested(UUID.randomUUID().toString(), InstancePowerRequested.VERSION, id,
                "project-1", HOST, generation, operation, Instant.now());
    }

    private InstancePlaced placement(String id) {
        return new InstancePlaced(UUID.randomUUID().toString(), InstancePlaced.VERSION, id, "project-1", "vm-" + id,
                HOST, "http://" + HOST + ":8082", FLAVOR, new ImageRef(image, null, null), Instant.now());
    }

    private static InstanceSpec spec(String id) {
        Path dir = Path.of("target", "foreign", id);
        return new InstanceSpec(id, 1, 64, null, 64, dir.resolve("disk.qcow2"), null, null, null,
                dir.resolve("console.log"));
    }

    private InstanceStatusChanged await(String id, VmState state, long generation) {
        return tap.await(InstanceStatusChanged.class, s -> s.instanceId().equals(id) && s.vmState() == state
                && s.generation() == generation, WAIT);
    }

    private InstanceStatusChanged awaitIncident(String id, Incident incident) {
        return tap.await(InstanceStatusChanged.class, s -> s.instanceId().equals(id) && s.incident() == incident,
                WAIT);
    }

    private List<String> operations(String id, String... names) {
        List<String> wanted = List.of(names);
        return fake.operations().stream().filter(op -> op.endsWith(" " + id))
                .filter(op -> wanted.contains(op.substring(0, op.indexOf(' ')))).toList();
    }
}
