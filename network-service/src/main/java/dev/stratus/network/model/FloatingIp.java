package dev.stratus.network.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * An address of an external network a project holds (its port {@value Port#FLOATING_IP_OWNER} keeps it in IPAM), and
 * the port behind a router it is associated with, if any: traffic to it is DNATed to the port's fixed address.
 */
@Entity
@Table(name = "floating_ips")
public class FloatingIp {
    @Id
    public UUID id;

    @Column(name = "project_id")
    public String projectId;

    @Column(name = "floating_network_id")
    public UUID floatingNetworkId;

    @Column(name = "floating_port_id")
    public UUID floatingPortId;

    @Column(name = "floating_ip_address")
    public String floatingIpAddress;

    /** The associated port, or null. */
    @Column(name = "port_id")
    public UUID portId;

    /** The associated port's address the floating IP is DNATed to, or null. */
    @Column(name = "fixed_ip_address")
    public String fixedIpAddress;

    /** The router that joins the port's subnet to the floating IP's network, or null. */
    @Column(name = "router_id")
    public UUID routerId;

    public String description;

    @Column(name = "created_at")
    public Instant createdAt;

    /** Drops the association (the address stays the project's). */
    public void disassociate() {
        portId = null;
        fixedIpAddress = null;
        routerId = null;
    }
}
