package dev.stratus.network.rest;

import dev.stratus.network.model.FixedIp;
import dev.stratus.network.model.Port;
import dev.stratus.network.model.PortStatus;
import dev.stratus.platform.input.OneLine;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A port as the API shows it. */
public record PortView(UUID id, String projectId, UUID networkId, String name, String macAddress,
        List<FixedIpView> fixedIps, String deviceId, String deviceOwner, List<UUID> securityGroups,
        boolean adminStateUp, PortStatus status, Instant createdAt) {

    /** One address of the port. */
    public record FixedIpView(UUID subnetId, @Size(max = 45) @OneLine String ipAddress) {
    }

    static PortView of(Port p) {
        return new PortView(p.id, p.projectId, p.networkId, p.name, p.macAddress,
                p.fixedIps.stream().map((FixedIp i) -> new FixedIpView(i.subnetId, i.ipAddress)).toList(),
                p.deviceId, p.deviceOwner, List.copyOf(p.securityGroupIds), p.adminStateUp, p.status, p.createdAt);
    }
}
