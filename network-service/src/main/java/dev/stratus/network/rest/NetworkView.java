package dev.stratus.network.rest;

import dev.stratus.network.model.Network;
import dev.stratus.network.model.NetworkStatus;

import java.time.Instant;
import java.util.UUID;

/** A network as the API shows it. */
public record NetworkView(UUID id, String name, NetworkStatus status, String cidr, int mtu, Instant createdAt) {

    static NetworkView of(Network network) {
        return new NetworkView(network.id, network.name, network.status, network.cidr, network.mtu,
                network.createdAt);
    }
}
