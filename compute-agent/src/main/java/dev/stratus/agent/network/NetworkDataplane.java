package dev.stratus.agent.network;

import dev.stratus.agent.reconcile.DesiredInstances;
import dev.stratus.contracts.PortBinding;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Converges this host's tenant networking to the ports of the instances that should exist here: networks
 * (bridge, DHCP namespace, host entries) for every network with a port, firewall chains for every port, and
 * nothing else. Level-triggered and idempotent, like the instance reconciler; one change at a time.
 */
@Singleton
public class NetworkDataplane {
    private static final Logger LOG = Logger.getLogger(NetworkDataplane.class);

    private final DesiredInstances desired;
    private final TenantNetworks networks;
    private final HostCommands host;
    private final NetworkServicePorts networkService;
    private final Map<String, PortFirewall> firewalls = new ConcurrentHashMap<>();
    private final String chain;
    private final String arpChain;

    public NetworkDataplane(DesiredInstances desired, TenantNetworks networks, HostCommands host,
            NetworkServicePorts networkService, dev.stratus.agent.config.HostIdentity identity) {
        this.desired = desired;
        this.networks = networks;
        this.host = host;
        this.networkService = networkService;
        this.chain = FirewallRules.chainOf(identity.host());
        this.arpChain = SpoofGuard.chainOf(identity.host());
    }

    /** Converges the networks and firewall; {@code refetch} asks network-service for every port's rules again. */
    public void converge(boolean refetch) {
        synchronized (networks) { // the L3 role (l3.L3Agent) plugs routers into these bridges under the same lock
            convergeLocked(refetch);
        }
    }

    private void convergeLocked(boolean refetch) {
        List<PortBinding> wanted = desired.all().stream()
                .filter(d -> d.target() != dev.stratus.agent.reconcile.DesiredState.DELETED && d.placement() != null)
                .flatMap(d -> d.placement().portsOrEmpty().stream()).toList();
        Map<String, List<PortBinding>> byNetwork = wanted.stream()
                .collect(Collectors.groupingBy(PortBinding::networkId, LinkedHashMap::new, Collectors.toList()));
        byNetwork.forEach((id, ports) -> networks.ensure(ports.get(0), ports));
        applyFirewall(wanted, refetch);
        for (String id : networks.present()) {
            if (!byNetwork.containsKey(id) && !networks.hasTaps(id)) {
                networks.remove(id);
            }
        }
    }

    private void applyFirewall(List<PortBinding> wanted, boolean refetch) {
        Map<String, PortFirewall> rendered = new LinkedHashMap<>();
        List<String> newlyPlugged = new ArrayList<>();
        for (PortBinding port : wanted) {
            PortFirewall known = firewalls.get(port.portId());
            if (known == null || refetch) {
                try {
                    known = networkService.firewall(port.portId());
                    if (!firewalls.containsKey(port.portId())) {
                        newlyPlugged.add(port.portId());
                    }
                    firewalls.put(port.portId(), known);
                } catch (DataplaneException e) {
                    LOG.warnf("rules of port %s unavailable (%s); keeping %s", port.portId(), e.getMessage(),
                            known == null ? "it closed" : "its last rules");
                    if (known == null) {
                        known = PortFirewall.closed(port.portId(), port.macAddress(), port.ipAddress());
                    }
                }
            }
            rendered.put(port.portId(), known);
        }
        firewalls.keySet().retainAll(rendered.keySet());
        Set<String> wantedChains = rendered.keySet().stream().map(DeviceNames::prefix)
                .flatMap(p -> java.util.stream.Stream.of(FirewallRules.INGRESS + p, FirewallRules.EGRESS + p))
                .collect(Collectors.toSet());
        List<String> bridges = wanted.stream().map(p -> DeviceNames.bridge(p.networkId())).distinct().toList();
        for (IpFamily family : IpFamily.values()) {
            apply(family, rendered, wantedChains, bridges);
        }
        guardLayer2(rendered);
        reportActive(newlyPlugged);
    }

    /** The ebtables anti-spoofing chain of this agent's ports (emptied when it has none left). */
    private void guardLayer2(Map<String, PortFirewall> rendered) {
        boolean hooked = host.tryRun(List.of("ebtables", "-L", "FORWARD"), null).output().contains("-j " + arpChain);
        if (rendered.isEmpty() && !hooked) {
            return;
        }
        host.run(List.of("ebtables-restore", "--noflush"), SpoofGuard.render(arpChain, rendered.values()));
        host.run(List.of("ebtables", "-P", arpChain, "RETURN")); // so even an emptied chain never accepts
        if (!hooked) {
            host.run(List.of("ebtables", "-A", "FORWARD", "-j", arpChain));
        }
    }

    private void apply(IpFamily family, Map<String, PortFirewall> rendered, Set<String> wantedChains,
            List<String> bridges) {
        var listing = host.tryRun(List.of(family.tool, "-S", chain), null);
        List<String> obsolete = listing.exitCode() != 0 ? List.of() : FirewallRules.portChains(listing.output()).stream()
                .filter(c -> !wantedChains.contains(c)).toList();
        if (rendered.isEmpty() && obsolete.isEmpty()) {
            return; // nothing of ours on this host: leave the host's firewall untouched
        }
        host.run(List.of(family.restore(), "--noflush"),
                FirewallRules.render(family, chain, rendered, bridges, obsolete));
        hookFirst(family);
    }

    /**
     * Makes sure FORWARD jumps to this agent's chain before any hook of an older agent's
     * {@value FirewallRules#LEGACY_CHAIN} (which ends in ACCEPT and would let everything through first).
     */
    private void hookFirst(IpFamily family) {
        List<String> hook = FirewallRules.forwardHook(chain);
        List<String> forward = host.run(List.of(family.tool, "-S", "FORWARD")).lines()
                .filter(l -> l.startsWith("-A FORWARD")).toList();
        int mine = -1;
        int legacy = -1;
        for (int i = 0; i < forward.size(); i++) {
            String line = forward.get(i);
            if (line.endsWith(" -j " + chain)) {
                mine = i;
            } else if (line.endsWith(" -j " + FirewallRules.LEGACY_CHAIN) && legacy < 0) {
                legacy = i;
            }
        }
        if (mine >= 0 && (legacy < 0 || mine < legacy)) {
            return;
        }
        if (mine >= 0) {
            List<String> delete = new ArrayList<>(List.of(family.tool, "-D"));
            delete.addAll(hook);
            host.run(delete);
        }
        List<String> insert = new ArrayList<>(List.of(family.tool, "-I", hook.get(0), "1"));
        insert.addAll(hook.subList(1, hook.size()));
        host.run(insert);
        LOG.infof("%s FORWARD jumps to %s first", family.tool, chain);
    }

    private void reportActive(List<String> newlyPlugged) {
        for (String portId : newlyPlugged) {
            try {
                networkService.status(portId, "ACTIVE");
            } catch (DataplaneException e) {
                LOG.warnf("could not report port %s ACTIVE: %s", portId, e.getMessage());
            }
        }
    }
}
