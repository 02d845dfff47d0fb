package dev.stratus.network.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One allow rule of a security group: traffic in {@code direction} of {@code ethertype}, optionally limited to a
 * protocol, a port range (tcp/udp) and a remote CIDR or the members of a remote group.
 */
@Entity
@Table(name = "security_group_rules")
public class SecurityGroupRule {
    @Id
    public UUID id;

    @Column(name = "project_id")
    public String projectId;

    @Column(name = "security_group_id")
    public UUID securityGroupId;

    /** {@code ingress} or {@code egress}. */
    public String direction;

    /** {@code IPv4} or {@code IPv6}. */
    public String ethertype;

    /** {@code tcp}, {@code udp}, {@code icmp} or null for any. */
    public String protocol;

    @Column(name = "port_range_min")
    public Integer portRangeMin;

    @Column(name = "port_range_max")
    public Integer portRangeMax;

    @Column(name = "remote_ip_prefix")
    public String remoteIpPrefix;

    @Column(name = "remote_group_id")
    public UUID remoteGroupId;

    @Column(name = "created_at")
    public Instant createdAt;
}
