package dev.stratus.network.rest;

import dev.stratus.network.model.AllocationPool;
import dev.stratus.network.model.Subnet;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A subnet as the API shows it. */
public record SubnetView(UUID id, String projectId, UUID networkId, String name, int ipVersion, String cidr,
        String gatewayIp, List<AllocationPool> allocationPools, List<String> dnsNameservers, boolean enableDhcp,
        Instant createdAt) {

    static SubnetView of(Subnet s) {
        return new SubnetView(s.id, s.projectId, s.networkId, s.name, s.ipVersion, s.cidr, s.gatewayIp, s.pools(),
                s.nameservers(), s.enableDhcp, s.createdAt);
    }
}
