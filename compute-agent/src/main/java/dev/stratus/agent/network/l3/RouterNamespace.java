package dev.stratus.agent.network.l3;

import dev.stratus.agent.network.DeviceNames;
import dev.stratus.agent.network.HostCommands;
import dev.stratus.agent.network.TenantNetworks;
import dev.stratus.contracts.L3State;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One router on this host: its namespace {@code qrouter-<id>} with forwarding on; a veth pair per interface
 * ({@code qr-} in the namespace with the subnet's gateway address and the port's MAC, {@code rp} on the network's
 * bridge); a veth pair to its external network's bridge ({@code qg-} with the gateway address and the floating IPs,
 * {@code xg-} on {@code bx-} in the external namespace) and the default route through the external subnet's
 * gateway; and its NAT table ({@link NatRules}). Every step is idempotent: {@link #converge} makes the namespace
 * equal to the router's state, whatever it held.
 */
@Singleton
public class RouterNamespace {
    private static final Logger LOG = Logger.getLogger(RouterNamespace.class);

    private final HostCommands host;
    private final Namespaces namespaces;
    private final ExternalNamespace external;
    private final TenantNetworks networks;

    public RouterNamespace(HostCommands host, Namespaces namespaces, ExternalNamespace external,
            TenantNetworks networks) {
        this.host = host;
        this.namespaces = namespaces;
        this.external = external;
        this.networks = networks;
    }

    public void converge(L3State.Router router) {
        String ns = RouterDevices.namespace(router.routerId());
        boolean created = !namespaces.list().contains(ns);
        namespaces.ensure(ns);
        namespaces.exec(ns, List.of("sysctl", "-q", "-w", "net.ipv4.ip_forward=1"), null);
        Set<String> links = namespaces.links(ns);
        Set<String> wanted = new LinkedHashSet<>();
        for (L3State.Interface joined : router.interfaces()) {
            wanted.add(plugInterface(ns, links, joined));
        }
        L3State.Gateway gateway = router.gateway();
        if (gateway != null && external.hasBridge(gateway.networkId())) {
            wanted.add(plugGateway(ns, links, gateway, router.floatingIps()));
        } else if (gateway != null) {
            LOG.warnf("router %s: external network %s has no bridge here yet; its gateway waits", router.routerId(),
                    gateway.networkId());
            router = new L3State.Router(router.routerId(), null, router.interfaces(), List.of());
        }
        for (String link : links) {
            if ((link.startsWith(RouterDevices.INTERFACE) || link.startsWith(RouterDevices.GATEWAY))
                    && !wanted.contains(link)) {
                host.run(List.of("ip", "-n", ns, "link", "del", link)); // its peer goes with it
            }
        }
        namespaces.exec(ns, List.of("iptables-restore"), NatRules.render(router));
        if (created) {
            LOG.infof("router %s: namespace %s built (%d interface(s), gateway %s)", router.routerId(), ns,
                    router.interfaces().size(), gateway == null ? "none" : gateway.ipAddress());
        }
    }

    /**
     * Deletes the router's veth pairs (their peers on the bridges with them), then its namespace (its NAT rules with
     * it).
     */
    public void remove(String routerId) {
        String ns = RouterDevices.namespace(routerId);
        if (!namespaces.list().contains(ns)) {
            return;
        }
        for (String link : namespaces.links(ns)) { // now: a deleted namespace's devices go later, asynchronously
            if (link.startsWith(RouterDevices.INTERFACE) || link.startsWith(RouterDevices.GATEWAY)) {
                host.tryRun(List.of("ip", "-n", ns, "link", "del", link), null);
            }
        }
        namespaces.delete(ns);
        LOG.infof("router %s removed from this host", routerId);
    }

    private String plugInterface(String ns, Set<String> links, L3State.Interface joined) {
        String inside = RouterDevices.interfaceInRouter(joined.portId());
        String outside = RouterDevices.interfaceOnBridge(joined.portId());
        String mtu = String.valueOf(joined.mtu());
        networks.ensureBridge(joined.networkId(), joined.mtu());
        if (!links.contains(inside)) {
            host.tryRun(List.of("ip", "link", "del", outside), null); // a half-built pair of an earlier attempt
            host.run(List.of("ip", "link", "add", outside, "mtu", mtu, "type", "veth", "peer", "name", inside,
                    "address", mac(joined.macAddress()), "mtu", mtu, "netns", ns));
            host.run(List.of("ip", "link", "set", outside, "master", DeviceNames.bridge(joined.networkId()), "up"));
            host.run(List.of("ip", "-n", ns, "link", "set", inside, "up"));
        }
        String prefix = joined.cidr().substring(joined.cidr().indexOf('/'));
        namespaces.converge(ns, inside, Set.of(NatRules.address(joined.ipAddress()) + prefix));
        return inside;
    }

    private String plugGateway(String ns, Set<String> links, L3State.Gateway gateway,
            List<L3State.FloatingIp> floatingIps) {
        String inside = RouterDevices.gatewayInRouter(gateway.portId());
        String outside = RouterDevices.gatewayOnBridge(gateway.portId());
        String ext = external.name();
        String mtu = String.valueOf(gateway.mtu());
        if (!links.contains(inside)) {
            host.tryRun(List.of("ip", "-n", ext, "link", "del", outside), null);
            host.run(List.of("ip", "-n", ns, "link", "add", inside, "address", mac(gateway.macAddress()), "mtu", mtu,
                    "type", "veth", "peer", "name", outside, "mtu", mtu, "netns", ext));
            host.run(List.of("ip", "-n", ext, "link", "set", outside, "master",
                    RouterDevices.externalBridge(gateway.networkId()), "up"));
            host.run(List.of("ip", "-n", ns, "link", "set", inside, "up"));
        }
        String prefix = gateway.cidr().substring(gateway.cidr().indexOf('/'));
        Set<String> addresses = new LinkedHashSet<>();
        addresses.add(NatRules.address(gateway.ipAddress()) + prefix);
        floatingIps.forEach(f -> addresses.add(NatRules.address(f.floatingIpAddress()) + "/32"));
        namespaces.converge(ns, inside, addresses);
        if (gateway.nextHop() != null) {
            host.run(List.of("ip", "-n", ns, "route", "replace", "default", "via", NatRules.address(gateway.nextHop()),
                    "dev", inside));
        }
        return inside;
    }

    private static String mac(String mac) {
        if (mac == null || !mac.matches("([0-9a-f]{2}:){5}[0-9a-f]{2}")) {
            throw new IllegalArgumentException("refusing to use '" + mac + "' as a MAC address");
        }
        return mac;
    }
}
