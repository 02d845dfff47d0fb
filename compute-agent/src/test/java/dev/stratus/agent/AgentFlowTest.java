package dev.stratus.agent;

import dev.stratus.agent.config.FakeDriverFactory;
import dev.stratus.agent.driver.DriverException;
import dev.stratus.agent.driver.FakeDriver;
import dev.stratus.agent.driver.InstanceSpec;
import dev.stratus.agent.driver.PowerState;
import dev.stratus.agent.driver.ShutoffReason;
import dev.stratus.agent.events.EventTap;
import dev.stratus.agent.image.ImageServer;
import dev.stratus.agent.image.ImageServerResource;
import dev.stratus.agent.instance.InstanceFiles;
import dev.stratus.agent.reconcile.DesiredStateJournal;
import dev.stratus.agent.reconcile.DesiredStateRecovery;
import dev.stratus.contracts.FlavorSpec;
import dev.stratus.contracts.HostReport;
import dev.stratus.contracts.ImageRef;
import dev.stratus.contracts.Incident;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.InstanceRemoveRequested;
import dev.stratus.contracts.InstanceStatusChanged;
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

import dev.stratus.devinfra.TestTokens;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServerResource.class, restrictToAnnotatedClass = false)
class AgentFlowTest {
    private static final String HOST = "test-host";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final FlavorSpec FLAVOR = new FlavorSpec("f-1", "m1.tiny", 1, 128, 1, 50);

    @Inject
    FakeDriverFactory fakes;
    @Inject
    InstanceFiles files;
    @Inject
    DesiredStateRecovery recovery;
    @Inject
    DesiredStateJournal journal;

    private FakeDriver fake;
    private EventPublisher publisher;
    private EventTap tap;
    private ImageServer images;

    @BeforeEach
    void connect() {
        fake = fakes.driver();
        images = ImageServerResource.server();
        publisher = new EventPublisher(StratusTestInfra.bootstrapServers(), "agent-test");
        tap = new EventTap(StratusTestInfra.bootstrapServers(), List.of(Topics.INSTANCE_STATUS, Topics.HOST_REPORTS));
    }

    @AfterEach
    void disconnect() {
        tap.close();
        publisher.close();
    }

    @Test
    void aPlacementForThisHostBecomesActiveAndARemovalDeletesIt() {
        String image = "img-" + UUID.randomUUID();
        images.add(image, "raw", new byte[4096]);
        String id = UUID.randomUUID().toString();

        place(id, HOST, new ImageRef(image, null, null));
        InstanceStatusChanged active = awaitStatus(id, VmState.ACTIVE);

        assertEquals("RUNNING", active.powerState());
        assertEquals(HOST, active.host());
        assertNull(active.fault());
        assertEquals(PowerState.RUNNING, fake.info(id).orElseThrow().powerState());
        InstanceSpec spec = fake.spec(id).orElseThrow();
        assertEquals(128 + 256, spec.memoryCapMb());
        assertEquals(50, spec.cpuQuotaPercent());
        assertNull(spec.kernel());
        assertTrue(Files.exists(files.disk(id)));
        given().auth().oauth2(TestTokens.service()).get("/internal/v1/instances").then().statusCode(200)
                .body("find { it.instance_id == '" + id + "' }.desired_state", equalTo("RUNNING"))
                .body("find { it.instance_id == '" + id + "' }.power_state", equalTo("RUNNING"))
                .body("find { it.instance_id == '" + id + "' }.vm_state", equalTo("ACTIVE"));

        publisher.publish(Topics.PLACEMENTS, id, new InstanceRemoveRequested(UUID.randomUUID().toString(),
                InstanceRemoveRequested.VERSION, id, HOST, Instant.now()));
        InstanceStatusChanged deleted = awaitStatus(id, VmState.DELETED);

        assertTrue(deleted.seq() > active.seq());
        assertTrue(fake.info(id).isEmpty());
        assertFalse(Files.exists(files.directory(id)));
    }

    @Test
    void aKernelImageBootsDirectlyWithTheConfiguredCommandLine() {
        String disk = "disk-" + UUID.randomUUID();
        String kernel = "kernel-" + UUID.randomUUID();
        String ramdisk = "ramdisk-" + UUID.randomUUID();
        images.add(disk, "qcow2", qcow2Image());
        images.add(kernel, "aki", "kernel".getBytes());
        images.add(ramdisk, "ari", "initrd".getBytes());
        String id = UUID.randomUUID().toString();

        place(id, HOST, new ImageRef(disk, kernel, ramdisk));
        awaitStatus(id, VmState.ACTIVE);

        InstanceSpec spec = fake.spec(id).orElseThrow();
        assertEquals("console=ttyS0 quiet no_timer_check", spec.kernelCmdline());
        assertEquals(ImageServer.sha256("kernel".getBytes()), spec.kernel().getFileName().toString());
        assertEquals(ImageServer.sha256("initrd".getBytes()), spec.initrd().getFileName().toString());
    }

    @Test
    void aFailedSpawnIsRetried() {
        String image = "img-" + UUID.randomUUID();
        images.add(image, "raw", new byte[512]);
        String id = UUID.randomUUID().toString();
        fake.failNext("spawn", new DriverException("fake spawn failure"));

        place(id, HOST, new ImageRef(image, null, null));

        assertEquals("RUNNING", awaitStatus(id, VmState.ACTIVE).powerState());
        assertEquals(2, fake.operations().stream().filter(op -> op.equals("spawn " + id)).count());
        assertTrue(tap.seen(InstanceStatusChanged.class, s -> s.instanceId().equals(id) && s.vmState() == VmState.ERROR)
                .isEmpty());
    }

    @Test
    void aCorruptImageIsReportedInError() {
        String image = "img-" + UUID.randomUUID();
        images.addCorrupt(image, new byte[512]);
        String id = UUID.randomUUID().toString();

        place(id, HOST, new ImageRef(image, null, null));

        assertTrue(awaitStatus(id, VmState.ERROR).fault().contains("checksum mismatch"));
        assertTrue(fake.info(id).isEmpty());
    }

    @Test
    void whatTheGuestDoesIsReported() {
        String image = "img-" + UUID.randomUUID();
        images.add(image, "raw", new byte[512]);
        String shutdown = UUID.randomUUID().toString();
        String crash = UUID.randomUUID().toString();
        place(shutdown, HOST, new ImageRef(image, null, null));
        place(crash, HOST, new ImageRef(image, null, null));
        awaitStatus(shutdown, VmState.ACTIVE);
        awaitStatus(crash, VmState.ACTIVE);

        fake.stopBehindTheAgentsBack(shutdown, ShutoffReason.GUEST_SHUTDOWN);
        fake.setState(crash, PowerState.CRASHED);

        InstanceStatusChanged stopped = awaitStatus(shutdown, VmState.STOPPED);
        assertEquals("SHUTOFF", stopped.powerState());
        assertEquals(Incident.GUEST_SHUTDOWN, stopped.incident());
        InstanceStatusChanged restarted = tap.await(InstanceStatusChanged.class,
                s -> s.instanceId().equals(crash) && s.incident() == Incident.RESTARTED_AFTER_CRASH, WAIT);
        assertEquals(VmState.ACTIVE, restarted.vmState());
        assertEquals(PowerState.RUNNING, fake.info(crash).orElseThrow().powerState());
    }

    @Test
    void aDomainRemovedBehindTheAgentsBackIsBuiltAgain() throws InterruptedException {
        String image = "img-" + UUID.randomUUID();
        images.add(image, "raw", new byte[512]);
        String id = UUID.randomUUID().toString();
        place(id, HOST, new ImageRef(image, null, null));
        awaitStatus(id, VmState.ACTIVE);

        fake.destroy(id);

        awaitSpawns(id, 2);
        assertEquals(PowerState.RUNNING, fake.info(id).orElseThrow().powerState());
    }

    @Test
    void aDomainThisAgentWasNotAskedForIsLeftAlone() throws InterruptedException {
        String foreign = UUID.randomUUID().toString();
        fake.spawn(foreignSpec(foreign));

        Thread.sleep(2_500);

        assertEquals(PowerState.RUNNING, fake.info(foreign).orElseThrow().powerState());
        assertEquals(List.of("spawn " + foreign), fake.operations().stream().filter(op -> op.endsWith(foreign)).toList());
        given().auth().oauth2(TestTokens.service()).get("/internal/v1/instances").then().statusCode(200)
                .body("find { it.instance_id == '" + foreign + "' }.power_state", equalTo("RUNNING"))
                .body("find { it.instance_id == '" + foreign + "' }.desired_state", equalTo(null));
    }

    @Test
    void domainsFoundAtStartAreAdoptedAsLibvirtShowsThem() {
        String running = UUID.randomUUID().toString();
        String off = UUID.randomUUID().toString();
        fake.spawn(foreignSpec(running));
        fake.spawn(foreignSpec(off));
        fake.setState(off, PowerState.SHUTOFF);

        recovery.recover();

        assertEquals("RUNNING", awaitStatus(running, VmState.ACTIVE).powerState());
        assertEquals("SHUTOFF", awaitStatus(off, VmState.STOPPED).powerState());
        assertEquals(PowerState.SHUTOFF, fake.info(off).orElseThrow().powerState());
    }

    @Test
    void recordedPlacementsAndRemovalsAreFinishedAfterARestart() {
        String image = "img-" + UUID.randomUUID();
        images.add(image, "raw", new byte[512]);
        String placed = UUID.randomUUID().toString();
        String removed = UUID.randomUUID().toString();
        journal.placed(placement(placed, HOST, new ImageRef(image, null, null)));
        fake.spawn(foreignSpec(removed));
        journal.removed(removed);

        recovery.recover();

        assertEquals("RUNNING", awaitStatus(placed, VmState.ACTIVE).powerState());
        awaitStatus(removed, VmState.DELETED);
        assertTrue(fake.info(removed).isEmpty());
        assertFalse(Files.exists(files.directory(removed)));
    }

    @Test
    void placementsForOtherHostsAreIgnored() {
        String image = "img-" + UUID.randomUUID();
        images.add(image, "raw", new byte[512]);
        String elsewhere = UUID.randomUUID().toString();
        String here = UUID.randomUUID().toString();

        place(elsewhere, "other-host", new ImageRef(image, null, null));
        place(here, HOST, new ImageRef(image, null, null));
        awaitStatus(here, VmState.ACTIVE);

        assertTrue(fake.info(elsewhere).isEmpty());
        assertTrue(tap.seen(InstanceStatusChanged.class, s -> s.instanceId().equals(elsewhere)).isEmpty());
    }

    @Test
    void theHostIsReportedWithItsCapacityAndInstances() {
        fake.spawn(foreignSpec(UUID.randomUUID().toString()));
        HostReport report = tap.await(HostReport.class, r -> r.host().equals(HOST) && !r.instanceIds().isEmpty(),
                WAIT);

        assertEquals(4, report.vcpus());
        assertEquals(8192, report.ramMb());
        assertEquals("qemu", report.virtType());
        assertEquals("http://localhost:8082", report.agentUrl());
    }

    @Test
    void theConsoleOfAnInstanceIsServedAsText() throws Exception {
        String image = "img-" + UUID.randomUUID();
        images.add(image, "raw", new byte[512]);
        String id = UUID.randomUUID().toString();
        place(id, HOST, new ImageRef(image, null, null));
        awaitStatus(id, VmState.ACTIVE);
        Files.writeString(files.consoleLog(id), "Booting\nSTRATUS-READY\n");

        given().auth().oauth2(TestTokens.service()).get("/internal/v1/instances/" + id + "/console").then().statusCode(200)
                .contentType("text/plain").body(equalTo("Booting\nSTRATUS-READY\n"));
        given().auth().oauth2(TestTokens.service()).queryParam("tail_bytes", 6).get("/internal/v1/instances/" + id + "/console").then()
                .statusCode(200).body(equalTo("READY\n"));
        given().get("/internal/v1/instances/" + id + "/console").then().statusCode(401); // no token
        given().auth().oauth2(TestTokens.admin("p")).get("/internal/v1/instances/" + id + "/console").then()
                .statusCode(403); // users, even admins, are not services
        given().auth().oauth2(TestTokens.service()).get("/internal/v1/instances/" + UUID.randomUUID() + "/console").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
    }

    private void place(String id, String host, ImageRef image) {
        publisher.publish(Topics.PLACEMENTS, id, placement(id, host, image));
    }

    private static InstancePlaced placement(String id, String host, ImageRef image) {
        return new InstancePlaced(UUID.randomUUID().toString(), InstancePlaced.VERSION, id, "project-1", "vm-" + id,
                host, "http://" + host + ":8082", FLAVOR, image, Instant.now());
    }

    private void awaitSpawns(String id, long count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (fake.operations().stream().filter(op -> op.equals("spawn " + id)).count() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("instance " + id + " was not spawned " + count + " times: " + fake.operations());
            }
            Thread.sleep(20);
        }
    }

    private InstanceStatusChanged awaitStatus(String id, VmState state) {
        return tap.await(InstanceStatusChanged.class, s -> s.instanceId().equals(id) && s.vmState() == state, WAIT);
    }

    /** The spec of a domain someone else defined (as if before an agent restart). */
    private static InstanceSpec foreignSpec(String id) {
        Path dir = Path.of("target", "foreign", id);
        return new InstanceSpec(id, 1, 64, null, 64, dir.resolve("disk.qcow2"), null, null, null,
                dir.resolve("console.log"));
    }

    /** A valid, empty qcow2 image made by qemu-img. */
    private static byte[] qcow2Image() {
        try {
            var file = Files.createTempFile("base", ".qcow2");
            Process process = new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", file.toString(), "64M")
                    .inheritIO().start();
            assertEquals(0, process.waitFor());
            byte[] bytes = Files.readAllBytes(file);
            Files.delete(file);
            return bytes;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
