package dev.stratus.agent.metadata;

import dev.stratus.agent.config.MetadataSocket;
import dev.stratus.agent.events.EventTap;
import dev.stratus.agent.guest.OpenStackMetadata;
import dev.stratus.agent.image.ImageServerResource;
import dev.stratus.agent.network.NetworkDataplane;
import dev.stratus.contracts.Ec2Ids;
import dev.stratus.contracts.FlavorSpec;
import dev.stratus.contracts.GuestIdentity;
import dev.stratus.contracts.ImageRef;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.InstanceRemoveRequested;
import dev.stratus.contracts.InstanceStatusChanged;
import dev.stratus.contracts.PortBinding;
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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The metadata service as guests reach it, with the agent's real dataplane (bridges, {@code qdhcp-} namespaces,
 * dnsmasq, Debian's haproxy, iptables and ebtables) and no VM: each "guest" is a namespace plugged into a tenant
 * network's bridge with its port's tap name, MAC and address ({@link GuestNamespace}); instances are placed through
 * Kafka and built by the fake driver. Port firewalls are closed (no network-service here): the metadata service is
 * reachable whatever the security groups say, from a port's own address only.
 */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServerResource.class, restrictToAnnotatedClass = false)
class MetadataServiceTest {
    private static final String HOST = "test-host";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final FlavorSpec FLAVOR = new FlavorSpec("f-1", "m1.small", 1, 128, 1, null);
    private static final String USER_DATA = "#cloud-config\nruncmd: [touch, /tmp/metadata]\n";

    @Inject
    NetworkDataplane dataplane;
    @Inject
    MetadataServer server;
    @Inject
    MetadataSocket socket;

    private EventPublisher publisher;
    private EventTap tap;
    private final List<GuestNamespace> guests = new ArrayList<>();
    private final List<String> instances = new ArrayList<>();
    private String image;

    @BeforeEach
    void connect() {
        publisher = new EventPublisher(StratusTestInfra.bootstrapServers(), "metadata-test");
        tap = new EventTap(StratusTestInfra.bootstrapServers(), List.of(Topics.INSTANCE_STATUS));
        image = UUID.randomUUID().toString();
        ImageServerResource.server().add(image, "raw", new byte[4096]);
    }

    @AfterEach
    void cleanUp() {
        guests.forEach(GuestNamespace::close);
        for (String id : instances) {
            publisher.publish(Topics.PLACEMENTS, id, new InstanceRemoveRequested(UUID.randomUUID().toString(),
                    InstanceRemoveRequested.VERSION, id, HOST, Instant.now()));
        }
        for (String id : instances) {
            awaitStatus(id, VmState.DELETED);
        }
        dataplane.converge(false);
        tap.close();
        publisher.close();
    }

    @Test
    void eachGuestReadsItsOwnDataInBothLayoutsAndNobodyElseReadsAnything() {
        TestNetwork blue = new TestNetwork();
        TestNetwork green = new TestNetwork();
        String a = place(blue.port(10), "project-a", withKeyAndUserData("web-a", "key-a"));
        String b = place(blue.port(11), "project-a", GuestIdentity.legacy("web-b"));
        String c = place(green.port(10), "project-c", withKeyAndUserData("web-c", "key-c")); // A's address, elsewhere
        GuestNamespace guestA = plug(blue.port(10));
        GuestNamespace guestB = plug(blue.port(11));
        GuestNamespace guestC = plug(green.port(10));

        Map<String, byte[]> files = OpenStackMetadata.files(a, "vm-" + a, "project-a",
                withKeyAndUserData("web-a", "key-a"), List.of(blue.port(10)));
        for (String file : List.of("meta_data.json", "network_data.json", "vendor_data.json", "user_data")) {
            GuestNamespace.Result answer = guestA.curl("/openstack/latest/" + file);
            assertEquals(200, answer.status(), file + ": " + answer.output());
            assertEquals(new String(files.get("openstack/latest/" + file), StandardCharsets.UTF_8), answer.body(), file);
        }
        assertEquals("latest", ok(guestA, "/openstack"));
        assertEquals("meta_data.json\nnetwork_data.json\nuser_data\nvendor_data.json", ok(guestA, "/openstack/latest/"));
        assertEquals(Ec2Ids.instance(a), ok(guestA, "/latest/meta-data/instance-id"));
        assertEquals(Ec2Ids.instance(a), ok(guestA, "/2021-03-23/meta-data/instance-id"));
        assertEquals(Ec2Ids.image(image), ok(guestA, "/latest/meta-data/ami-id"));
        assertEquals("m1.small", ok(guestA, "/latest/meta-data/instance-type"));
        assertEquals("web-a", ok(guestA, "/latest/meta-data/hostname"));
        assertEquals("web-a", ok(guestA, "/latest/meta-data/local-hostname"));
        assertEquals(blue.port(10).ipAddress(), ok(guestA, "/latest/meta-data/local-ipv4"));
        assertEquals(blue.port(10).macAddress(), ok(guestA, "/latest/meta-data/mac"));
        assertEquals("stratus", ok(guestA, "/latest/meta-data/placement/availability-zone"));
        assertEquals("0=key-a", ok(guestA, "/latest/meta-data/public-keys/"));
        assertEquals("ssh-ed25519 AAAA key-a", ok(guestA, "/latest/meta-data/public-keys/0/openssh-key"));
        assertEquals(USER_DATA, ok(guestA, "/latest/user-data"));
        assertTrue(ok(guestA, "/latest/meta-data/").contains("public-keys/"));

        // the neighbour on the same network: its own data, and nothing it does not have
        assertTrue(ok(guestB, "/openstack/latest/meta_data.json").contains("\"uuid\" : \"" + b + "\""));
        assertEquals(Ec2Ids.instance(b), ok(guestB, "/latest/meta-data/instance-id"));
        assertEquals(404, guestB.curl("/latest/user-data").status());
        assertEquals(404, guestB.curl("/openstack/latest/user_data").status());
        assertEquals(404, guestB.curl("/latest/meta-data/public-keys/").status());
        assertFalse(ok(guestB, "/latest/meta-data/").contains("public-keys"));

        // another project's guest with the same address on another network: its own data
        assertTrue(ok(guestC, "/openstack/latest/meta_data.json").contains("\"uuid\" : \"" + c + "\""));
        assertEquals("0=key-c", ok(guestC, "/latest/meta-data/public-keys/"));
        assertEquals(Ec2Ids.instance(c), ok(guestC, "/latest/meta-data/instance-id"));

        // B claiming A's address from B's tap: dropped at the tap, no answer at all
        guestB.in("ip", "addr", "add", blue.port(10).ipAddress() + "/32", "dev", "eth0");
        GuestNamespace.Result spoofed = guestB.curl("/latest/meta-data/instance-id", "--interface",
                blue.port(10).ipAddress());
        assertEquals(0, spoofed.status(), "a forged source address gets nothing: " + spoofed.output());

        // an address that is no instance's (the DHCP namespace's own): 404, nothing else
        GuestNamespace.Result nobody = GuestNamespace.exec(List.of("ip", "netns", "exec", "qdhcp-" + blue.id, "curl",
                "-s", "-m", "3", "-w", "\n%{http_code}", "--interface", blue.port(10).dhcpServerIp(),
                "http://169.254.169.254/openstack/latest/meta_data.json"));
        assertEquals(404, nobody.status(), nobody.output());
        assertFalse(nobody.output().contains(a));

        // a tap that is no port of this agent's: dropped at the bridge
        PortBinding stranger = blue.port(12);
        GuestNamespace unknown = plug(stranger);
        assertEquals(0, unknown.curl("/latest/meta-data/instance-id").status());
    }

    @Test
    void imdsV2TokensAreOptionalButABadOneIsRefused() throws InterruptedException {
        TestNetwork net = new TestNetwork();
        String a = place(net.port(10), "project-a", withKeyAndUserData("web-a", "key-a"));
        String b = place(net.port(11), "project-a", GuestIdentity.legacy("web-b"));
        GuestNamespace guestA = plug(net.port(10));
        GuestNamespace guestB = plug(net.port(11));

        GuestNamespace.Result issued = guestA.curl("/latest/api/token", "-X", "PUT", "-D", "-",
                "-H", "X-aws-ec2-metadata-token-ttl-seconds: 21600");
        assertEquals(200, issued.status(), issued.output());
        assertTrue(issued.output().toLowerCase().contains("x-aws-ec2-metadata-token-ttl-seconds: 21600"));
        String token = issued.body().substring(issued.body().lastIndexOf('\n') + 1);
        assertEquals(Ec2Ids.instance(a), ok(guestA, "/latest/meta-data/instance-id",
                "-H", "X-aws-ec2-metadata-token: " + token));
        assertEquals(401, guestA.curl("/latest/meta-data/instance-id", "-H", "X-aws-ec2-metadata-token: x.y").status());
        assertEquals(401, guestB.curl("/latest/meta-data/instance-id", "-H", "X-aws-ec2-metadata-token: " + token)
                .status(), "A's token is no use to B");
        assertEquals(Ec2Ids.instance(b), ok(guestB, "/latest/meta-data/instance-id"), "no token: IMDSv1 works");

        for (String ttl : List.of("0", "21601", "-1", "six", "")) {
            assertEquals(400, guestA.curl("/latest/api/token", "-X", "PUT",
                    "-H", "X-aws-ec2-metadata-token-ttl-seconds: " + ttl).status(), "ttl " + ttl);
        }
        assertEquals(400, guestA.curl("/latest/api/token", "-X", "PUT").status(), "no ttl");
        assertEquals(403, guestA.curl("/latest/api/token", "-X", "PUT", "-H", "X-Forwarded-For: 10.1.1.1",
                "-H", "X-aws-ec2-metadata-token-ttl-seconds: 60").status(), "a token asked through a proxy");

        String shortLived = guestA.curl("/latest/api/token", "-X", "PUT",
                "-H", "X-aws-ec2-metadata-token-ttl-seconds: 1").body();
        assertEquals(200, guestA.curl("/latest/meta-data/", "-H", "X-aws-ec2-metadata-token: " + shortLived).status());
        Thread.sleep(1100);
        assertEquals(401, guestA.curl("/latest/meta-data/", "-H", "X-aws-ec2-metadata-token: " + shortLived).status(),
                "expired");
    }

    @Test
    void onlyTheProxiesReachTheServiceAndTheyOutliveAnAgentRestart() throws Exception {
        TestNetwork net = new TestNetwork();
        String a = place(net.port(10), "project-a", withKeyAndUserData("web-a", "key-a"));
        GuestNamespace guestA = plug(net.port(10));
        assertEquals(Ec2Ids.instance(a), ok(guestA, "/latest/meta-data/instance-id"));

        // the agent's TCP port has no metadata routes, whatever headers a caller sets
        for (String path : List.of("/latest/meta-data/instance-id", "/openstack/latest/meta_data.json", "/openstack")) {
            String body = given().header("X-Stratus-Network-Id", net.id)
                    .header("X-Forwarded-For", net.port(10).ipAddress()).get(path).then().statusCode(404).extract().asString();
            assertFalse(body.contains(a) || body.contains(Ec2Ids.instance(a)), body);
        }
        // the socket is root's only; through it, the proxy's headers decide (here: an address of nobody)
        Path sock = socket.path();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sock)));
        GuestNamespace.Result direct = GuestNamespace.exec(List.of("curl", "-s", "-w", "\n%{http_code}",
                "--unix-socket", sock.toString(), "-H", "X-Stratus-Network-Id: " + net.id,
                "-H", "X-Forwarded-For: 10.99.0.99", "http://metadata/latest/meta-data/instance-id"));
        assertEquals(404, direct.status(), direct.output());

        // the agent stops: the proxy answers 503; it is back: the same proxy answers again
        long haproxy = haproxyPid(net);
        server.stop();
        assertEquals(503, guestA.curl("/latest/meta-data/instance-id").status());
        server.start();
        assertEquals(Ec2Ids.instance(a), ok(guestA, "/latest/meta-data/instance-id"));
        assertEquals(haproxy, haproxyPid(net));

        // the proxy dies: the next converge (any, also the periodic one) starts it again
        ProcessHandle.of(haproxy).orElseThrow().destroy();
        ProcessHandle.of(haproxy).ifPresent(p -> p.onExit().join());
        dataplane.converge(false);
        assertNotEquals(haproxy, haproxyPid(net));
        assertEquals(Ec2Ids.instance(a), ok(guestA, "/latest/meta-data/instance-id"));
    }

    @Test
    void dhcpRoutesGuestsToTheMetadataServiceAndARemovedNetworkLeavesNothing() throws Exception {
        TestNetwork net = new TestNetwork();
        String a = place(net.port(10), "project-a", GuestIdentity.legacy("web-a"));
        GuestNamespace guestA = plug(net.port(10));
        String routes = "staticroutes=169.254.169.254/32 " + net.port(10).dhcpServerIp() + " 0.0.0.0/0 "
                + net.port(10).gatewayIp();
        String lease = guestA.dhcpLease();
        assertTrue(lease.contains("bound ip=" + net.port(10).ipAddress()), lease);
        assertTrue(lease.contains(routes), lease);

        // a dnsmasq an older agent started, without the routes: the next converge restarts it with them
        Path dir = Path.of("target/agent-state/dhcp", net.id).toAbsolutePath();
        long dnsmasq = Long.parseLong(Files.readString(dir.resolve("pid")).strip());
        List<String> older = new ArrayList<>(ProcessHandle.of(dnsmasq).orElseThrow().info().arguments()
                .map(List::of).orElseThrow());
        assertTrue(older.removeIf(arg -> arg.contains("169.254.169.254")));
        List<String> start = new ArrayList<>(List.of("ip", "netns", "exec", "qdhcp-" + net.id, "dnsmasq"));
        start.addAll(older);
        synchronized (dataplane) { // no periodic converge in between (it would start the agent's own again)
            ProcessHandle.of(dnsmasq).orElseThrow().destroy();
            ProcessHandle.of(dnsmasq).ifPresent(p -> p.onExit().join());
            GuestNamespace.run(start);
        }
        assertFalse(guestA.dhcpLease().contains("169.254.169.254"), "the older dnsmasq pushes no routes");
        dataplane.converge(false);
        assertNotEquals(Files.readString(dir.resolve("pid")).strip(), String.valueOf(dnsmasq));
        assertTrue(guestA.dhcpLease().contains(routes));

        // a second proxy of the same config (as a crash between start and pid file would leave): the pid file names
        // it, the first runs on unnamed; both must go with the network
        long haproxy = haproxyPid(net);
        synchronized (dataplane) {
            GuestNamespace.run("ip", "netns", "exec", "qdhcp-" + net.id, "haproxy", "-f",
                    dir.resolve("haproxy.cfg").toString());
        }
        assertNotEquals(haproxy, haproxyPid(net));
        assertTrue(ProcessHandle.of(haproxy).map(ProcessHandle::isAlive).orElse(false));
        guests.remove(guestA);
        guestA.close(); // the domain is gone, and its tap with it
        publisher.publish(Topics.PLACEMENTS, a, new InstanceRemoveRequested(UUID.randomUUID().toString(),
                InstanceRemoveRequested.VERSION, a, HOST, Instant.now()));
        awaitStatus(a, VmState.DELETED);
        instances.remove(a);
        dataplane.converge(false);
        assertTrue(ProcessHandle.of(haproxy).isEmpty() || !ProcessHandle.of(haproxy).get().isAlive(), "haproxy gone");
        assertFalse(GuestNamespace.run("ip", "netns", "list").contains("qdhcp-" + net.id));
        assertFalse(Files.exists(Path.of("/sys/class/net", "brq" + net.id.replace("-", "").substring(0, 11))));
        assertFalse(Files.exists(Path.of("target/agent-state/dhcp", net.id)));
        assertFalse(GuestNamespace.run("ps", "-eo", "args").contains(net.id), "no process of the network left");
    }

    // ---------------------------------------------------------------- helpers

    private String place(PortBinding port, String project, GuestIdentity identity) {
        String id = UUID.randomUUID().toString();
        instances.add(id);
        publisher.publish(Topics.PLACEMENTS, id, placement(id, port, project, identity));
        awaitStatus(id, VmState.ACTIVE);
        return id;
    }

    private InstancePlaced placement(String id, PortBinding port, String project, GuestIdentity identity) {
        return new InstancePlaced(UUID.randomUUID().toString(), InstancePlaced.VERSION, id, project, "vm-" + id, HOST,
                "http://" + HOST + ":8082", FLAVOR, new ImageRef(image, null, null), Instant.now(), List.of(port),
                identity);
    }

    private static GuestIdentity withKeyAndUserData(String hostname, String key) {
        return new GuestIdentity(hostname, key, "ssh-ed25519 AAAA " + key,
                Base64.getEncoder().encodeToString(USER_DATA.getBytes(StandardCharsets.UTF_8)), Map.of(), true);
    }

    private GuestNamespace plug(PortBinding port) {
        GuestNamespace guest = GuestNamespace.plug(port);
        guests.add(guest);
        return guest;
    }

    private static String ok(GuestNamespace guest, String path, String... options) {
        GuestNamespace.Result answer = guest.curl(path, options);
        assertEquals(200, answer.status(), path + ": " + answer.output());
        return answer.body();
    }

    private static long haproxyPid(TestNetwork net) throws Exception {
        return Long.parseLong(Files.readString(Path.of("target/agent-state/dhcp", net.id, "haproxy.pid")).strip());
    }

    private void awaitStatus(String id, VmState state) {
        tap.await(InstanceStatusChanged.class, s -> s.instanceId().equals(id) && s.vmState() == state, WAIT);
    }
}
