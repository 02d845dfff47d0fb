package dev.stratus.agent.metadata;

import dev.stratus.agent.reconcile.DesiredInstances;
import dev.stratus.agent.reconcile.DesiredState;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds who asks the metadata service: the instance of this host that has a port on the request's network with the
 * request's source address, both set by the network's metadata proxy from the connection (never from anything the
 * guest sent). An address that is no port of a local instance on that network, or that two ports claim, is nobody.
 */
@Singleton
class GuestCallers {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3}\\.){3}\\d{1,3}");

    private final DesiredInstances desired;

    GuestCallers(DesiredInstances desired) {
        this.desired = desired;
    }

    Optional<GuestCaller> find(String networkId, String sourceIp) {
        if (networkId == null || sourceIp == null || !IPV4.matcher(sourceIp).matches()) {
            return Optional.empty();
        }
        List<GuestCaller> matches = desired.all().stream()
                .filter(d -> d.target() != DesiredState.DELETED && d.placement() != null)
                .flatMap(d -> d.placement().portsOrEmpty().stream()
                        .filter(p -> networkId.equals(p.networkId()) && sourceIp.equals(p.ipAddress()))
                        .map(p -> new GuestCaller(d.placement(), p)))
                .toList();
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }
}
