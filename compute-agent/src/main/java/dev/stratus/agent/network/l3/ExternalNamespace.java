package dev.stratus.agent.network.l3;

import dev.stratus.agent.config.AgentConfig;
import dev.stratus.agent.network.HostCommands;
import dev.stratus.contracts.L3State;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * "Outside the cloud" on one machine: the namespace {@code stratus.agent.external-namespace} holding one bridge
 * {@code bx-<network>} per external network, with the gateway address of its subnet (e.g. 172.24.4.1/24) on it.
 * Routers' gateways plug into these bridges; users' tools (and tests) run in this namespace to reach floating IPs.
 * It is this agent's (a marker file in its state directory says so): removed when no external network is left.
 */
@Singleton
public class ExternalNamespace {
    private static final Logger LOG = Logger.getLogger(ExternalNamespace.class);

    private final HostCommands host;
    private final Namespaces namespaces;
    private final String name;
    private final Path marker;

    public ExternalNamespace(HostCommands host, Namespaces namespaces, AgentConfig config) {
        this.host = host;
        this.namespaces = namespaces;
        this.name = config.externalNamespace();
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}")) {
            throw new IllegalStateException("stratus.agent.external-namespace must be a plain name, not '" + name + "'");
        }
        this.marker = config.stateDir().resolve("l3/external-namespace");
    }

    public String name() {
        return name;
    }

    /** Makes the namespace hold exactly these external networks' bridges and gateway addresses. */
    public void converge(List<L3State.ExternalNetwork> networks) {
        if (networks.isEmpty()) {
            remove();
            return;
        }
        mark();
        namespaces.ensure(name);
        Set<String> links = namespaces.links(name);
        Set<String> wanted = networks.stream().map(n -> RouterDevices.externalBridge(n.networkId()))
                .collect(Collectors.toSet());
        for (L3State.ExternalNetwork network : networks) {
            String bridge = RouterDevices.externalBridge(network.networkId());
            if (!links.contains(bridge)) {
                host.run(List.of("ip", "-n", name, "link", "add", bridge, "type", "bridge"));
                host.run(List.of("ip", "-n", name, "link", "set", bridge, "mtu", String.valueOf(network.mtu()), "up"));
                LOG.infof("external network %s: bridge %s in namespace %s", network.networkId(), bridge, name);
            }
            String prefix = network.cidr().substring(network.cidr().indexOf('/'));
            namespaces.converge(name, bridge, network.gatewayIp() == null ? Set.of()
                    : Set.of(NatRules.address(network.gatewayIp()) + prefix));
        }
        for (String link : links) {
            if (link.startsWith(RouterDevices.EXTERNAL_BRIDGE) && !wanted.contains(link)) {
                host.run(List.of("ip", "-n", name, "link", "del", link));
            }
        }
    }

    /** Whether the external network's bridge is up in the namespace (a gateway can plug into it). */
    public boolean hasBridge(String networkId) {
        return namespaces.list().contains(name) && namespaces.links(name)
                .contains(RouterDevices.externalBridge(networkId));
    }

    private void remove() {
        if (Files.exists(marker)) {
            namespaces.delete(name);
            try {
                Files.deleteIfExists(marker);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LOG.infof("no external network left: namespace %s removed", name);
        }
    }

    private void mark() {
        try {
            if (!Files.exists(marker)) {
                Files.createDirectories(marker.getParent());
                Files.writeString(marker, name + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
