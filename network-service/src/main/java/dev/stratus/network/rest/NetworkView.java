package dev.stratus.network.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.stratus.network.model.Network;
import dev.stratus.network.model.NetworkStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A network as the API shows it; {@code router:external} marks an external network (Neutron's name). */
public record NetworkView(UUID id, String projectId, String name, NetworkStatus status, String cidr, int mtu,
        boolean adminStateUp, boolean shared, @JsonProperty("router:external") boolean routerExternal,
        List<UUID> subnets, Instant createdAt) {

    static NetworkView of(Network network, List<UUID> subnets) {
        return new NetworkView(network.id, network.projectId, network.name, network.status, network.cidr, network.mtu,
                network.adminStateUp, network.shared, network.routerExternal, subnets, network.createdAt);
    }
}
