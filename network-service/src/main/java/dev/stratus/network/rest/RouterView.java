package dev.stratus.network.rest;

import dev.stratus.network.model.Port;
import dev.stratus.network.model.Router;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A router as the API shows it (Neutron's shape): {@code external_gateway_info} is null without a gateway. */
public record RouterView(UUID id, String projectId, String name, String status, boolean adminStateUp,
        GatewayInfo externalGatewayInfo, Instant createdAt) {

    /** The router's gateway: its external network and its address there. */
    public record GatewayInfo(UUID networkId, List<PortView.FixedIpView> externalFixedIps) {
    }

    static RouterView of(Router router, Port gateway) {
        GatewayInfo info = gateway == null ? null : new GatewayInfo(router.externalNetworkId, gateway.fixedIps.stream()
                .map(ip -> new PortView.FixedIpView(ip.subnetId, ip.ipAddress)).toList());
        return new RouterView(router.id, router.projectId, router.name, router.adminStateUp ? "ACTIVE" : "DOWN",
                router.adminStateUp, info, router.createdAt);
    }
}
