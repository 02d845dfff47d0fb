package dev.stratus.network.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A named set of allow rules applied to the ports that are its members; everything else inbound is dropped. */
@Entity
@Table(name = "security_groups")
public class SecurityGroup {
    /** Every project has one group of this name: all egress, ingress only from its own members. */
    public static final String DEFAULT = "default";

    @Id
    public UUID id;

    @Column(name = "project_id")
    public String projectId;

    public String name;

    public String description;

    @Column(name = "created_at")
    public Instant createdAt;
}
