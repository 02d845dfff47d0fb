package dev.stratus.network.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A router: it routes between the subnets it has interfaces on (ports {@value Port#ROUTER_INTERFACE_OWNER}) and
 * SNATs their traffic to its gateway address on an external network (port {@value Port#ROUTER_GATEWAY_OWNER}).
 */
@Entity
@Table(name = "routers")
public class Router {
    @Id
    public UUID id;

    @Column(name = "project_id")
    public String projectId;

    public String name;

    @Column(name = "admin_state_up")
    public boolean adminStateUp;

    /** The external network of its gateway, or null. */
    @Column(name = "external_network_id")
    public UUID externalNetworkId;

    /** The port holding its gateway address, or null. */
    @Column(name = "gateway_port_id")
    public UUID gatewayPortId;

    @Column(name = "created_at")
    public Instant createdAt;
}
