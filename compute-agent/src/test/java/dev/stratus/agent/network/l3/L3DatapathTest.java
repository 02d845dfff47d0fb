package dev.stratus.agent.network.l3;

import dev.stratus.agent.config.AgentConfig;
import dev.stratus.agent.network.DeviceNames;
import dev.stratus.agent.network.HostCommands;
import dev.stratus.agent.network.TenantNetworks;
import dev.stratus.contracts.L3State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The L3 datapath with real namespaces: two "guests" (namespaces plugged into the tenant bridges by veth pairs with
 * their ports' MACs and addresses) behind one router. Proves routing between the two subnets, SNAT of a guest to the
 * external namespace, DNAT of a floating IP to a TCP listener in a guest, the floating IP's own SNAT, and that
 * removing the floating IP, then the router, leaves no DNAT rule, no qrouter- namespace, no bridge or veth. Runs as
 * root only (skipped elsewhere); sends traffic only inside the namespaces it creates.
 */
class L3DatapathTest {
    private final HostCommands host = new HostCommands();
    private final String suffix = Integer.toHexString(new Random().nextInt(0x10000));
    private final String ext = "l3test-ext-" + suffix;
    private final List<String> guests = new ArrayList<>();
    private final String net = "10.213." + (new Random().nextInt(200) + 1);
    private final String outside = "172.29." + (new Random().nextInt(200) + 1);
    private L3Agent agent;
    private Namespaces namespaces;
    private String routerId;

    @TempDir
    Path state;

    @BeforeEach
    void requireRoot() {
        assumeTrue("root".equals(System.getProperty("user.name")) && host.tryRun(List.of("ip", "netns", "list"), null)
                .exitCode() == 0, "needs root and iproute2");
        AgentConfig config = config(state, ext);
        namespaces = new Namespaces(host);
        TenantNetworks networks = new TenantNetworks(host, config, new dev.stratus.agent.config.MetadataSocket(config));
        ExternalNamespace external = new ExternalNamespace(host, namespaces, config);
        agent = new L3Agent(null, external, new RouterNamespace(host, namespaces, external, networks), networks,
                config);
    }

    @AfterEach
    void cleanUp() {
        if (agent == null) {
            return;
        }
        removeGuests();
        agent.converge(new L3State(List.of(), List.of()));
    }

    @Test
    void routesSnatsDnatsAndLeavesNothingBehind() throws Exception {
        String extNet = UUID.randomUUID().toString();
        String netA = UUID.randomUUID().toString();
        String netB = UUID.randomUUID().toString();
        routerId = UUID.randomUUID().toString();
        String gatewayPort = UUID.randomUUID().toString();
        L3State.Interface a = new L3State.Interface(UUID.randomUUID().toString(), netA, UUID.randomUUID().toString(),
                "fa:16:3e:00:01:01", net + ".1", cidr(1), 1500);
        L3State.Interface b = new L3State.Interface(UUID.randomUUID().toString(), netB, UUID.randomUUID().toString(),
                "fa:16:3e:00:02:01", twoSubnet() + ".1", cidr(2), 1500);
        L3State.Gateway gateway = new L3State.Gateway(gatewayPort, extNet, "fa:16:3e:00:0f:02", outside + ".2",
                outside + ".0/24", outside + ".1", 1500);
        L3State.FloatingIp floating = new L3State.FloatingIp(UUID.randomUUID().toString(), outside + ".10",
                net + ".5");
        List<L3State.ExternalNetwork> externals = List.of(new L3State.ExternalNetwork(extNet, outside + ".0/24",
                outside + ".1", 1500));
        L3State withFloatingIp = new L3State(externals, List.of(new L3State.Router(routerId, gateway, List.of(a, b),
                List.of(floating))));
        agent.converge(withFloatingIp);
        agent.converge(withFloatingIp); // idempotent: a second pass (a restarted agent's) changes nothing
        String guestA = guest("a", netA, "fa:16:3e:00:01:05", net + ".5/24", net + ".1");
        String guestB = guest("b", netB, "fa:16:3e:00:02:05", twoSubnet() + ".5/24", twoSubnet() + ".1");

        assertTrue(ping(guestA, twoSubnet() + ".5"), "A reaches B in the other subnet through the router");
        assertTrue(ping(guestB, outside + ".1"), "B reaches the outside (SNAT to the router's gateway address)");
        assertTrue(natCounter("-s " + cidr(2) + " -o qg-" + DeviceNames.prefix(gatewayPort)) > 0,
                "B's packets left through the router's SNAT rule");
        assertTrue(ping(guestA, outside + ".1"), "A reaches the outside too");
        assertTrue(natCounter("-s " + net + ".5/32") > 0, "A's packets left from its floating IP");
        assertEquals("hello", connect(guestA, outside + ".10"), "from outside, the floating IP reaches A's listener");

        L3State without = new L3State(externals, List.of(new L3State.Router(routerId, gateway, List.of(a, b),
                List.of())));
        agent.converge(without);
        String rules = namespaces.exec(RouterDevices.namespace(routerId), List.of("iptables-save", "-t", "nat"), null);
        assertFalse(rules.contains("DNAT") || rules.contains(outside + ".10"), rules);
        assertFalse(namespaces.addresses(RouterDevices.namespace(routerId), "qg-" + DeviceNames.prefix(gatewayPort))
                .contains(outside + ".10/32"));
        assertTrue(ping(guestB, outside + ".1"), "the router still SNATs");

        removeGuests();
        agent.converge(new L3State(externals, List.of()));
        assertFalse(namespaces.list().contains(RouterDevices.namespace(routerId)), "no qrouter- namespace left");
        String links = host.run(List.of("ip", "-o", "link", "show"));
        for (String device : List.of(DeviceNames.bridge(netA), DeviceNames.bridge(netB),
                RouterDevices.interfaceOnBridge(a.portId()), RouterDevices.interfaceOnBridge(b.portId()))) {
            assertFalse(links.contains(" " + device + ":") || links.contains(" " + device + "@"), device + " is left");
        }
        assertFalse(namespaces.links(ext).stream().anyMatch(l -> l.startsWith("xg-")), "no gateway veth left");
        assertTrue(agent.present().isEmpty());
        agent.converge(new L3State(List.of(), List.of()));
        assertFalse(namespaces.list().contains(ext), "the external namespace goes with the last external network");
    }

    /** The guests' veth pairs first (a deleted namespace's devices go asynchronously), then their namespaces. */
    private void removeGuests() {
        for (String ns : guests) {
            host.tryRun(List.of("ip", "-n", ns, "link", "del", "eth0"), null);
            host.tryRun(List.of("ip", "netns", "del", ns), null);
        }
        guests.clear();
    }

    private String cidr(int which) {
        return (which == 1 ? net : twoSubnet()) + ".0/24";
    }

    private String twoSubnet() {
        return net.replace("10.213.", "10.214.");
    }

    /** A namespace standing for a guest: a veth pair on the network's bridge with the port's MAC and address. */
    private String guest(String name, String network, String mac, String address, String gatewayIp) {
        String ns = "l3test-" + name + "-" + suffix;
        String tap = "tap" + suffix + name + "l3t";
        host.run(List.of("ip", "netns", "add", ns));
        guests.add(ns);
        host.run(List.of("ip", "link", "add", tap, "type", "veth", "peer", "name", "eth0", "address", mac, "netns", ns));
        host.run(List.of("ip", "link", "set", tap, "master", DeviceNames.bridge(network), "up"));
        host.run(List.of("ip", "-n", ns, "addr", "add", address, "dev", "eth0"));
        host.run(List.of("ip", "-n", ns, "link", "set", "eth0", "up"));
        host.run(List.of("ip", "-n", ns, "link", "set", "lo", "up"));
        host.run(List.of("ip", "-n", ns, "route", "add", "default", "via", gatewayIp));
        return ns;
    }

    private boolean ping(String ns, String target) {
        for (int attempt = 0; attempt < 3; attempt++) { // the first may wait for ARP on three links
            if (host.tryRun(List.of("ip", "netns", "exec", ns, "busybox", "ping", "-c", "1", "-W", "2", target), null)
                    .exitCode() == 0) {
                return true;
            }
        }
        return false;
    }

    /** Packets counted by the router's POSTROUTING rule that contains {@code match}. */
    private long natCounter(String match) {
        String saved = namespaces.exec(RouterDevices.namespace(routerId), List.of("iptables-save", "-c", "-t", "nat"),
                null);
        return saved.lines().filter(l -> l.contains(match) && l.contains("SNAT")).findFirst()
                .map(l -> Long.parseLong(l.substring(1, l.indexOf(':')))).orElse(-1L);
    }

    /** Listens on TCP 7777 in the guest, connects from the external namespace and sends "hello"; what arrived. */
    private String connect(String guest, String address) throws Exception {
        Process listener = new ProcessBuilder("ip", "netns", "exec", guest, "busybox", "nc", "-l", "-p", "7777")
                .redirectErrorStream(true).start();
        Thread.sleep(300);
        host.tryRun(List.of("ip", "netns", "exec", ext, "busybox", "nc", "-w", "2", address, "7777"), "hello\n");
        if (!listener.waitFor(5, TimeUnit.SECONDS)) {
            listener.destroyForcibly().waitFor();
            return "(nothing arrived)";
        }
        return new String(listener.getInputStream().readAllBytes()).strip();
    }

    private static AgentConfig config(Path state, String externalNamespace) {
        return (AgentConfig) Proxy.newProxyInstance(AgentConfig.class.getClassLoader(), new Class<?>[] {
                AgentConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "stateDir" -> state;
                    case "externalNamespace" -> externalNamespace;
                    case "metadataSocket" -> java.util.Optional.empty();
                    case "toString" -> "test config";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
