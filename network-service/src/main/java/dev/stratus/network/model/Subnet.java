package dev.stratus.network.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** An IPv4 range of a network from which IPAM hands out port addresses. */
@Entity
@Table(name = "subnets")
public class Subnet {
    @Id
    public UUID id;

    @Column(name = "project_id")
    public String projectId;

    @Column(name = "network_id")
    public UUID networkId;

    public String name;

    @Column(name = "ip_version")
    public int ipVersion;

    public String cidr;

    @Column(name = "gateway_ip")
    public String gatewayIp;

    /** Ranges as {@code first-last}, separated by {@code ;}. */
    @Column(name = "allocation_pools")
    public String allocationPools;

    /** Addresses separated by {@code ,}. */
    @Column(name = "dns_nameservers")
    public String dnsNameservers;

    @Column(name = "enable_dhcp")
    public boolean enableDhcp;

    @Column(name = "created_at")
    public Instant createdAt;

    public List<AllocationPool> pools() {
        return Arrays.stream(allocationPools.split(";")).filter(s -> !s.isEmpty()).map(AllocationPool::parse).toList();
    }

    public List<String> nameservers() {
        return Arrays.stream(dnsNameservers.split(",")).filter(s -> !s.isEmpty()).toList();
    }
}
