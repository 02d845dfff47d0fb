package dev.stratus.agent.network.l3;

import dev.stratus.agent.config.AgentConfig;
import dev.stratus.agent.network.DataplaneException;
import dev.stratus.agent.network.TenantNetworks;
import dev.stratus.contracts.L3State;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The agent's L3 role (Neutron's L3 agent): makes this host's routers, external namespace and NAT rules equal to
 * network-service's L3 state. Level-triggered like the instance reconciler: a {@code RouterChanged} event, the
 * periodic resync and the start-up all call {@link #converge}, which reads the whole state and converges. Routers
 * this agent built are marked in its state directory ({@code l3/routers/<id>}, listing the networks of their
 * interfaces), so only its own {@code qrouter-} namespaces are ever removed (several stacks share a machine in tests).
 */
@Singleton
public class L3Agent {
    private static final Logger LOG = Logger.getLogger(L3Agent.class);

    private final NetworkServiceL3 networkService;
    private final ExternalNamespace external;
    private final RouterNamespace routers;
    private final TenantNetworks networks;
    private final Path markers;

    public L3Agent(NetworkServiceL3 networkService, ExternalNamespace external, RouterNamespace routers,
            TenantNetworks networks, AgentConfig config) {
        this.networkService = networkService;
        this.external = external;
        this.routers = routers;
        this.networks = networks;
        this.markers = config.stateDir().resolve("l3/routers");
    }

    /** Reads the L3 state and converges to it; throws {@link DataplaneException} when network-service cannot say. */
    public void converge() {
        converge(networkService.state());
    }

    /** Converges to {@code state}; one change at a time, and never while the tenant networks are being changed. */
    public void converge(L3State state) {
        synchronized (networks) { // as NetworkDataplane: a bridge it removed could otherwise lose a router's port
            external.converge(state.externalNetworks());
            Set<String> wanted = new HashSet<>();
            for (L3State.Router router : state.routers()) {
                wanted.add(router.routerId());
                Set<String> before = marked(router.routerId());
                mark(router);
                try {
                    routers.converge(router);
                } catch (RuntimeException e) {
                    LOG.warnf("router %s not converged, retrying at the next resync: %s", router.routerId(),
                            e.getMessage());
                }
                Set<String> now = router.interfaces().stream().map(L3State.Interface::networkId)
                        .collect(Collectors.toSet());
                before.stream().filter(n -> !now.contains(n)).forEach(networks::removeBridgeIfUnused);
            }
            for (String id : present()) {
                if (!wanted.contains(id)) {
                    Set<String> joined = marked(id);
                    routers.remove(id);
                    joined.forEach(networks::removeBridgeIfUnused);
                    unmark(id);
                }
            }
        }
    }

    /** Routers this agent built (marked), whether or not their namespace still exists. */
    public Set<String> present() {
        String[] ids = markers.toFile().list();
        return ids == null ? Set.of() : Set.of(ids);
    }

    private Set<String> marked(String routerId) {
        try {
            Path marker = markers.resolve(routerId);
            return Files.exists(marker) ? new HashSet<>(Files.readAllLines(marker)) : new HashSet<>();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void mark(L3State.Router router) {
        try {
            Files.createDirectories(markers);
            List<String> joined = router.interfaces().stream().map(L3State.Interface::networkId).distinct().toList();
            RouterDevices.namespace(router.routerId()); // a router id, nothing else, names the file
            Files.write(markers.resolve(router.routerId()), joined);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void unmark(String routerId) {
        try {
            Files.deleteIfExists(markers.resolve(routerId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
