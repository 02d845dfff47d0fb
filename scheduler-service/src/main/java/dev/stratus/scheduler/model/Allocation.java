package dev.stratus.scheduler.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Resources claimed on one host for one instance: the durable record of a placement. */
@Entity
@Table(name = "allocation")
public class Allocation {
    @Id
    @Column(name = "instance_id")
    public String instanceId;
    public String host;
    @Column(name = "project_id")
    public String projectId;
    public int vcpus;
    @Column(name = "ram_mb")
    public long ramMb;
    @Column(name = "disk_gb")
    public long diskGb;
    /** The event id of the {@code InstancePlaced} for this claim; re-published placements carry the same id. */
    @Column(name = "placement_event_id")
    public String placementEventId;
    /** The resize this allocation holds the larger of two sizes for, until it is settled; null otherwise. */
    @Column(name = "resize_reference")
    public String resizeReference;
    @Column(name = "created_at")
    public Instant createdAt;
}
