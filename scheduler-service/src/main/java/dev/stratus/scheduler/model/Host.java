package dev.stratus.scheduler.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A compute host as last reported by its agent, with the resources claimed on it. Read through JPA; written
 * only by explicit SQL statements (upsert, claim, release) so that concurrent writers never overwrite each
 * other's columns.
 */
@Entity
@Table(name = "host")
public class Host {
    @Id
    public String name;
    @Column(name = "agent_url")
    public String agentUrl;
    @Column(name = "virt_type")
    public String virtType;
    public int vcpus;
    @Column(name = "ram_mb")
    public long ramMb;
    @Column(name = "disk_gb")
    public long diskGb;
    @Column(name = "used_vcpus")
    public int usedVcpus;
    @Column(name = "used_ram_mb")
    public long usedRamMb;
    @Column(name = "used_disk_gb")
    public long usedDiskGb;
    public long generation;
    @Column(name = "last_seen")
    public Instant lastSeen;
}
