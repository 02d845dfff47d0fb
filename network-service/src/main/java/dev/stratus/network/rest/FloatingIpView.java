package dev.stratus.network.rest;

import dev.stratus.network.model.FloatingIp;

import java.time.Instant;
import java.util.UUID;

/**
 * A floating IP as the API shows it (Neutron's shape): {@code port_id}, {@code fixed_ip_address} and
 * {@code router_id} are null while it is not associated; {@code status} ACTIVE when associated, DOWN when not.
 */
public record FloatingIpView(UUID id, String projectId, UUID floatingNetworkId, String floatingIpAddress,
        UUID portId, String fixedIpAddress, UUID routerId, String status, String description, Instant createdAt) {

    static FloatingIpView of(FloatingIp f) {
        return new FloatingIpView(f.id, f.projectId, f.floatingNetworkId, f.floatingIpAddress, f.portId,
                f.fixedIpAddress, f.routerId, f.portId == null ? "DOWN" : "ACTIVE", f.description, f.createdAt);
    }
}
