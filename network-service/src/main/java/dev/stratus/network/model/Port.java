package dev.stratus.network.model;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A virtual NIC on a network: a MAC, addresses from IPAM, security groups, and the device it is plugged into. */
@Entity
@Table(name = "ports")
public class Port {
    /** {@code device_owner} of the port a network's DHCP server holds on each subnet with DHCP. */
    public static final String DHCP_OWNER = "network:dhcp";
    /** {@code device_owner} of a router's port on a tenant subnet (it holds the subnet's gateway address). */
    public static final String ROUTER_INTERFACE_OWNER = "network:router_interface";
    /** {@code device_owner} of a router's port on an external network (its SNAT address). */
    public static final String ROUTER_GATEWAY_OWNER = "network:router_gateway";
    /** {@code device_owner} of the port holding a floating IP's address on its external network. */
    public static final String FLOATING_IP_OWNER = "network:floatingip";
    /** Prefix of the owners of network-service's own ports (DHCP, routers, floating IPs): no client sets one. */
    public static final String NETWORK_OWNER_PREFIX = "network:";

    /** {@code device_owner} of the ports api-service creates for a server; deleted with the server. */
    public static final String COMPUTE_OWNER = "compute:stratus";

    @Id
    public UUID id;

    @Column(name = "project_id")
    public String projectId;

    @Column(name = "network_id")
    public UUID networkId;

    public String name;

    @Column(name = "mac_address")
    public String macAddress;

    @Column(name = "device_id")
    public String deviceId;

    @Column(name = "device_owner")
    public String deviceOwner;

    @Column(name = "admin_state_up")
    public boolean adminStateUp;

    @Enumerated(EnumType.STRING)
    public PortStatus status;

    @Column(name = "created_at")
    public Instant createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "port_ips", joinColumns = @JoinColumn(name = "port_id"))
    public List<FixedIp> fixedIps = new ArrayList<>();

    /** Whether network-service made this port for itself (DHCP, router, floating IP): clients do not change it. */
    public boolean networkOwned() {
        return deviceOwner != null && deviceOwner.startsWith(NETWORK_OWNER_PREFIX);
    }

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "port_security_groups", joinColumns = @JoinColumn(name = "port_id"))
    @Column(name = "security_group_id")
    public Set<UUID> securityGroupIds = new LinkedHashSet<>();
}
