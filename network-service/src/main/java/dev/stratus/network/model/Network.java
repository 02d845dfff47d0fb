package dev.stratus.network.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A tenant network (later: a bridge in its own namespace, with subnets and ports). */
@Entity
@Table(name = "networks")
public class Network {
    @Id
    public UUID id;

    /** Owner; null until identity exists. */
    @Column(name = "project_id")
    public UUID projectId;

    public String name;

    /** Canonical CIDR of the network's address range, or null when none was given. */
    public String cidr;

    public int mtu;

    @Enumerated(EnumType.STRING)
    public NetworkStatus status;

    @Column(name = "created_at")
    public Instant createdAt;
}
