package dev.stratus.agent.network;

import dev.stratus.contracts.PortBinding;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The host side of tenant networks: per network a Linux bridge {@code brq<id>} with no address, and a namespace
 * {@code qdhcp-<id>} joined to it by a veth pair, where dnsmasq answers DHCP with one static MAC→IP entry per port
 * ({@link DhcpServer}) and haproxy proxies the metadata service ({@link MetadataProxy}).
 */
@Singleton
public class TenantNetworks {
    private static final Logger LOG = Logger.getLogger(TenantNetworks.class);

    private final HostCommands host;
    private final Path dhcpDir;
    private final DhcpServer dhcp;
    private final MetadataProxy metadata;

    public TenantNetworks(HostCommands host, dev.stratus.agent.config.AgentConfig config,
            dev.stratus.agent.config.MetadataSocket metadataSocket) {
        this.host = host;
        this.dhcpDir = config.stateDir().toAbsolutePath().resolve("dhcp");
        this.dhcp = new DhcpServer(host);
        this.metadata = new MetadataProxy(host, metadataSocket.path());
    }

    /**
     * Brings the network's bridge, namespace, DHCP server and metadata proxy up (idempotent) and writes its host
     * entries.
     */
    public void ensure(PortBinding sample, List<PortBinding> ports) {
        String id = sample.networkId();
        String bridge = DeviceNames.bridge(id);
        String ns = DeviceNames.namespace(id);
        String outside = DeviceNames.vethOnBridge(id);
        String inside = DeviceNames.vethInNamespace(id);
        if (!Files.exists(Path.of("/sys/class/net", bridge))) {
            host.run(List.of("ip", "link", "add", bridge, "type", "bridge"));
            host.run(List.of("ip", "link", "set", bridge, "mtu", String.valueOf(sample.mtu()), "up"));
        }
        if (!namespaces().contains(ns)) {
            host.run(List.of("ip", "netns", "add", ns));
            host.run(List.of("ip", "-n", ns, "link", "set", "lo", "up"));
        }
        if (!Files.exists(Path.of("/sys/class/net", outside))) {
            host.run(List.of("ip", "link", "add", outside, "type", "veth", "peer", "name", inside, "netns", ns));
            host.run(List.of("ip", "link", "set", outside, "master", bridge, "mtu", String.valueOf(sample.mtu()), "up"));
            String prefix = sample.cidr().substring(sample.cidr().indexOf('/'));
            host.run(List.of("ip", "-n", ns, "addr", "add", sample.dhcpServerIp() + prefix, "dev", inside));
            host.run(List.of("ip", "-n", ns, "link", "set", inside, "mtu", String.valueOf(sample.mtu()), "up"));
        }
        Path dir = dhcpDir.resolve(id);
        dhcp.ensure(sample, dir, writeHosts(dir, ports));
        try {
            metadata.ensure(id, dir);
        } catch (RuntimeException e) { // the guests still boot (from their config drives); the next converge retries
            LOG.errorf("metadata proxy of network %s cannot start: %s", id, e.getMessage());
        }
    }

    /** Stops the network's metadata proxy and DHCP server and removes its namespace and bridge. */
    public void remove(String networkId) {
        Path dir = dhcpDir.resolve(networkId);
        metadata.stop(dir);
        dhcp.stop(dir);
        String ns = DeviceNames.namespace(networkId);
        if (namespaces().contains(ns)) {
            host.run(List.of("ip", "netns", "del", ns));
        }
        String bridge = DeviceNames.bridge(networkId);
        host.tryRun(List.of("ip", "link", "del", DeviceNames.vethOnBridge(networkId)), null);
        if (Files.exists(Path.of("/sys/class/net", bridge))) {
            host.run(List.of("ip", "link", "del", bridge));
        }
        deleteTree(dir);
        LOG.infof("network %s removed from this host", networkId);
    }

    /**
     * Network ids that this agent set up (its DHCP state directory exists) and that have a DHCP namespace on this
     * host; namespaces of other agents on the same machine (several stacks in tests) are not this agent's to remove.
     */
    public Set<String> present() {
        return namespaces().stream().filter(n -> n.startsWith(DeviceNames.NAMESPACE))
                .map(n -> n.substring(DeviceNames.NAMESPACE.length()))
                .filter(id -> Files.isDirectory(dhcpDir.resolve(id))).collect(Collectors.toSet());
    }

    /** Whether a guest's tap or a router's interface is still attached to the network's bridge. */
    public boolean hasTaps(String networkId) {
        String[] ports = Path.of("/sys/class/net", DeviceNames.bridge(networkId), "brif").toFile().list();
        return ports != null && Arrays.stream(ports).anyMatch(p -> p.startsWith(DeviceNames.TAP)
                || p.startsWith(DeviceNames.ROUTER_PORT));
    }

    /** The network's bridge (no address, up), for a router interface on a network no guest of this host uses. */
    public void ensureBridge(String networkId, int mtu) {
        String bridge = DeviceNames.bridge(networkId);
        if (!Files.exists(Path.of("/sys/class/net", bridge))) {
            host.run(List.of("ip", "link", "add", bridge, "type", "bridge"));
            host.run(List.of("ip", "link", "set", bridge, "mtu", String.valueOf(mtu), "up"));
        }
    }

    /**
     * Removes the network's bridge when nothing is attached to it and this agent runs no DHCP server for it (a
     * bridge a router interface alone needed); a bridge in any other use stays.
     */
    public void removeBridgeIfUnused(String networkId) {
        String[] ports = Path.of("/sys/class/net", DeviceNames.bridge(networkId), "brif").toFile().list();
        if (ports != null && ports.length == 0 && !Files.isDirectory(dhcpDir.resolve(networkId))) {
            host.tryRun(List.of("ip", "link", "del", DeviceNames.bridge(networkId)), null);
        }
    }

    private static boolean writeHosts(Path dir, List<PortBinding> ports) {
        String entries = ports.stream().map(p -> p.macAddress() + "," + p.ipAddress()).sorted()
                .collect(Collectors.joining("\n", "", "\n"));
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("hosts");
            if (Files.exists(file) && Files.readString(file).equals(entries)) {
                return false;
            }
            Path tmp = dir.resolve("hosts.tmp");
            Files.writeString(tmp, entries);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Set<String> namespaces() {
        return host.run(List.of("ip", "netns", "list")).lines().map(l -> l.split(" ")[0])
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.exists(dir) ? Files.walk(dir) : java.util.stream.Stream.<Path>empty()) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
