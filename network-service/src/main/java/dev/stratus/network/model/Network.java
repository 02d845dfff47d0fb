package dev.stratus.network.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A tenant network: on each host that has a port on it, a bridge with its DHCP server in its own namespace. */
@Entity
@Table(name = "networks")
public class Network {
    @Id
    public UUID id;

    /** Owning project. */
    @Column(name = "project_id")
    public String projectId;

    @Column(name = "admin_state_up")
    public boolean adminStateUp;

    /** Whether every project may see the network and attach ports to it. */
    public boolean shared;

    /**
     * Whether this is an external network ({@code router:external}): "outside the cloud", where routers take their
     * gateway addresses and floating IPs come from; only administrators create one, and servers get no port on it.
     */
    @Column(name = "router_external")
    public boolean routerExternal;

    public String name;

    /** Canonical CIDR of the network's address range, or null when none was given. */
    public String cidr;

    public int mtu;

    @Enumerated(EnumType.STRING)
    public NetworkStatus status;

    @Column(name = "created_at")
    public Instant createdAt;
}
