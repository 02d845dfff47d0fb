package dev.stratus.e2e;

import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.stratus.e2e.Guests.address;
import static dev.stratus.e2e.Guests.group;
import static dev.stratus.e2e.Guests.guestPings;
import static dev.stratus.e2e.Guests.network;
import static dev.stratus.e2e.Guests.ping;
import static dev.stratus.e2e.Guests.ping6;
import static dev.stratus.e2e.Guests.server;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real packets: guests get their IPAM addresses by DHCP, reach their peers, cannot reach another network, and the
 * security group decides who may ping them. Traffic goes only to guests, from inside the networks' qdhcp-
 * namespaces (or from a guest, asked through its probe). Each test has its own security group, so rules of one
 * test never open another's guests.
 */
class NetworkingE2ETest {
    @BeforeAll
    static void startStack() {
        Stack.up();
        RestAssured.baseURI = Stack.url();
        RestAssured.requestSpecification = new io.restassured.builder.RequestSpecBuilder()
                .addHeader("Authorization", "Bearer " + Stack.token()).build();
    }

    @Test
    void guestsGetTheirIpamAddressByDhcpAndDeletesLeaveNothing() {
        String net = network("e2e-net", "10.77.0.0/24", null, null);
        String group = group("e2e-dhcp", List.of());
        List<String> servers = new java.util.ArrayList<>();
        try {
            String a = started(servers, server("net-a", net, group));
            String b = started(servers, server("net-b", net, group));
            String ipA = address(a);
            String ipB = address(b);
            assertTrue(!ipA.equals(ipB));
            List<String> both = List.of(ports(a).get(0), ports(b).get(0));
            assertEquals(new Dataplane(true, true, 2, 2, 8, 2), Dataplane.of(net, both),
                    "bridge, namespace, taps (all on the bridge), port chains (IPv4 and IPv6), DHCP entries");

            Guests.deleteAll(List.of(a));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(new Dataplane(true, true, 1, 1, 4, 1),
                    Dataplane.of(net, both), "A's tap, chains and DHCP entry are gone"));

            Guests.deleteAll(List.of(b));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(new Dataplane(false, false, 0, 0, 0, 0),
                    Dataplane.of(net, both), "the last port took the network's bridge and namespace with it"));
        } finally {
            Guests.deleteAll(servers);
        }
        List<String> userPorts = given().get("/v1/ports?network_id=" + net).then().extract()
                .path("ports.findAll { it.device_owner != 'network:dhcp' }.id");
        for (String port : userPorts) { // the user's own ports outlive their servers (unbound), as in Neutron
            given().delete("/v1/ports/" + port).then().statusCode(204);
        }
        given().delete("/v1/networks/" + net).then().statusCode(204);
    }

    @Test
    void aCreateThatFailsLeavesNoPortCreatedOrClaimed() {
        String net = network("e2e-undo", "10.76.0.0/24", null, null);
        String userPort = Guests.created("/v1/ports", Map.of("network_id", net));
        given().contentType(io.restassured.http.ContentType.JSON).body(Map.of("name", "half", "flavor", "m1.tiny",
                        "image", "stratus-tiny", "networks", List.of(Map.of("network", net), Map.of("port", userPort),
                                Map.of("network", java.util.UUID.randomUUID().toString()))))
                .post("/v1/servers").then().statusCode(400).body("detail", org.hamcrest.Matchers.containsString("network"));
        given().get("/v1/ports?network_id=" + net).then().statusCode(200)
                .body("ports.findAll { it.device_owner != 'network:dhcp' }.id", org.hamcrest.Matchers.contains(userPort))
                .body("ports.find { it.id == '" + userPort + "' }.device_id", org.hamcrest.Matchers.isEmptyOrNullString());
        given().get("/v1/servers").then().body("servers.findAll { it.name == 'half' }", org.hamcrest.Matchers.empty());
        given().delete("/v1/ports/" + userPort).then().statusCode(204);
        given().delete("/v1/networks/" + net).then().statusCode(204);
    }

    @Test
    void peersReachEachOtherButNotAGuestOfAnotherNetwork() throws InterruptedException {
        // two networks with the same CIDR: only the bridges keep them apart
        String blue = network("e2e-blue", "10.79.0.0/24", null, null);
        String red = network("e2e-red", "10.79.0.0/24", "10.79.0.100", "10.79.0.120");
        String group = group("e2e-peers", List.of(Map.of("remote_group_id", Guests.SELF),
                Map.of("protocol", "tcp", "port_range_min", 7, "port_range_max", 7, "remote_ip_prefix", "10.79.0.0/24")));
        List<String> servers = new java.util.ArrayList<>();
        try {
            String a = started(servers, server("blue-a", blue, group));
            String b = started(servers, server("blue-b", blue, group));
            String c = started(servers, server("red-c", red, group));
            String ipA = address(a);
            String ipB = address(b);
            String ipC = address(c);
            String redDhcp = given().get("/v1/ports?network_id=" + red).then().extract()
                    .path("ports.find { it.device_owner == 'network:dhcp' }.fixed_ips[0].ip_address");

            assertTrue(guestPings(blue, ipA, ipB), "A reaches its peer B (same group, same network)");
            assertTrue(guestPings(blue, ipB, ipA), "B reaches A");
            assertTrue(guestPings(red, ipC, redDhcp), "C's probe works: it reaches its own network's DHCP address");
            assertFalse(guestPings(blue, ipA, ipC), "A cannot reach C: another network, though the group would allow it");
            assertFalse(guestPings(red, ipC, ipA), "C cannot reach A");
            assertFalse(ping(red, ipA), "red's namespace does not reach blue's guests");

            // A claims B's address by gratuitous ARP; blue's namespace must keep B's MAC for it
            String macB = given().get("/v1/ports?device_id=" + b).then().extract().path("ports[0].mac_address");
            ping(blue, ipB); // resolves B by ARP in the namespace (the ICMP itself may be dropped)
            assertEquals(macB, Guests.neighbour(blue, ipB), "the namespace learnt B's MAC");
            Thread.sleep(1500); // past the neighbour table's lock time, so a forged update would be taken
            assertTrue(Guests.probe(blue, ipA, "arp-claim " + ipB).endsWith("sent"));
            assertEquals(macB, Guests.neighbour(blue, ipB), "A's forged ARP for B's address was dropped");
        } finally {
            Guests.deleteAll(servers);
        }
    }

    @Test
    void removingTheIngressRuleBlocksPingAndAddingItBackRestoresIt() {
        String net = network("e2e-sg", "10.78.0.0/24", null, null);
        String group = group("e2e-icmp", List.of());
        List<String> servers = new java.util.ArrayList<>();
        try {
            String a = started(servers, server("sg-a", net, group));
            String ipA = address(a);
            String v6A = Guests.linkLocal(given().get("/v1/ports?device_id=" + a).then().extract()
                    .path("ports[0].mac_address"));
            assertFalse(ping(net, ipA), "a group without ingress rules drops ping");
            assertFalse(ping6(net, v6A), "... and IPv6 ping");
            Guests.created("/v1/security-group-rules", Map.of("security_group_id", group, "direction", "ingress",
                    "ethertype", "IPv6", "protocol", "icmp", "remote_ip_prefix", "fe80::/10"));
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> ping6(net, v6A));
            assertFalse(ping(net, ipA), "an IPv6 rule opens nothing in IPv4");

            String rule = icmpRule(group);
            long added = System.nanoTime();
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> ping(net, ipA));
            System.out.printf("rule added -> ping passes: %d ms%n", (System.nanoTime() - added) / 1_000_000);

            given().delete("/v1/security-group-rules/" + rule).then().statusCode(204);
            long removed = System.nanoTime();
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> !ping(net, ipA));
            System.out.printf("rule removed -> ping blocked: %d ms%n", (System.nanoTime() - removed) / 1_000_000);

            icmpRule(group);
            long restored = System.nanoTime();
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> ping(net, ipA));
            System.out.printf("rule added back -> ping passes: %d ms%n", (System.nanoTime() - restored) / 1_000_000);
        } finally {
            Guests.deleteAll(servers);
        }
    }

    private static String started(List<String> servers, String id) {
        servers.add(id);
        return id;
    }

    private static String icmpRule(String group) {
        return Guests.created("/v1/security-group-rules", Map.of("security_group_id", group, "direction", "ingress",
                "protocol", "icmp", "remote_ip_prefix", "10.78.0.0/24"));
    }

    private static List<String> ports(String server) {
        return given().get("/v1/ports?device_id=" + server).then().extract().path("ports.id");
    }

    /** What the host holds for one network and some of its ports. */
    record Dataplane(boolean bridge, boolean namespace, int taps, int tapsOnBridge, int chains, int dhcpEntries) {
        static Dataplane of(String network, List<String> ports) {
            String links = HostProbe.exec("ip", "-o", "link", "show").out();
            String rules = HostProbe.exec("iptables", "-S").out() + HostProbe.exec("ip6tables", "-S").out();
            String bridgeName = "brq" + prefix(network);
            int taps = 0;
            int onBridge = 0;
            int chains = 0;
            for (String port : ports) {
                String tap = "tap" + prefix(port);
                String line = links.lines().filter(l -> l.contains(" " + tap + ":") || l.contains(" " + tap + "@"))
                        .findFirst().orElse(null);
                if (line != null) {
                    taps++;
                    onBridge += line.contains("master " + bridgeName) ? 1 : 0;
                }
                chains += rules.lines().filter(l -> l.equals("-N sti-" + prefix(port)) || l.equals("-N sto-" + prefix(port)))
                        .count();
            }
            boolean bridge = links.lines().anyMatch(l -> l.contains(" " + bridgeName + ":"));
            boolean namespace = HostProbe.exec("ip", "netns", "list").out().lines()
                    .anyMatch(l -> l.startsWith("qdhcp-" + network));
            Path hosts = Stack.agentDir().resolve("dhcp/" + network + "/hosts");
            int entries = 0;
            try {
                entries = Files.exists(hosts) ? (int) Files.readAllLines(hosts).stream().filter(l -> !l.isBlank()).count() : 0;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new Dataplane(bridge, namespace, taps, onBridge, chains, entries);
        }

        private static String prefix(String id) {
            return id.replace("-", "").substring(0, 11);
        }
    }
}
