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
    private final NetworkServiceClient networkService;
    private final Map<String, PortFirewall> firewalls = new ConcurrentHashMap<>();
    private final String chain;
    private boolean legacyChecked;

    public NetworkDataplane(DesiredInstances desired, TenantNetworks networks, HostCommands host,
            NetworkServiceClient networkService, dev.stratus.agent.config.HostIdentity identity) {
        this.desired = desired;
        this.networks = networks;
        this.host = host;
        this.networkService = networkService;
        this.chain = FirewallRules.chainOf(identity.host());
    }

    /** Converges the networks and firewall; {@code refetch} asks network-service for every port's rules again. */
    public synchronized void converge(boolean refetch) {
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
        removeLegacyChain();
        var listing = host.tryRun(List.of("iptables", "-S", chain), null);
        List<String> obsolete = listing.exitCode() != 0 ? List.of() : FirewallRules.portChains(listing.output()).stream()
                .filter(c -> !wantedChains.contains(c)).toList();
        if (rendered.isEmpty() && obsolete.isEmpty()) {
            return; // nothing of ours on this host: leave the host's firewall untouched
        }
        host.run(List.of("iptables-restore", "--noflush"), FirewallRules.render(chain, rendered, obsolete));
        List<String> hook = FirewallRules.forwardHook(chain);
        List<String> check = new ArrayList<>(List.of("iptables", "-C"));
        check.addAll(hook);
        if (host.tryRun(check, null).exitCode() != 0) {
            List<String> insert = new ArrayList<>(List.of("iptables", "-I", hook.get(0), "1"));
            insert.addAll(hook.subList(1, hook.size()));
            host.run(insert);
        }
        reportActive(newlyPlugged);
    }

    /** Agents before per-host chains hooked {@value FirewallRules#LEGACY_CHAIN}, which ends in ACCEPT: unhook it. */
    private void removeLegacyChain() {
        if (legacyChecked) {
            return;
        }
        List<String> hook = new ArrayList<>(List.of("iptables", "-D"));
        hook.addAll(FirewallRules.forwardHook(FirewallRules.LEGACY_CHAIN));
        while (host.tryRun(hook, null).exitCode() == 0) {
            LOG.infof("removed the FORWARD hook of the legacy chain %s", FirewallRules.LEGACY_CHAIN);
        }
        legacyChecked = true;
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
