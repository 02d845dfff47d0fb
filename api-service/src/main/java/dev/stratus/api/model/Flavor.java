package dev.stratus.api.model;

import dev.stratus.contracts.FlavorSpec;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.Optional;

/** A size of instance: vCPUs, RAM, disk and an optional CPU cap. Seeded by migration. */
@Entity
@Table(name = "flavor")
public class Flavor extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    public int vcpus;
    @Column(name = "ram_mb")
    public int ramMb;
    @Column(name = "disk_gb")
    public int diskGb;
    /** CPU cap per vCPU in percent of one host CPU, or null for none. */
    @Column(name = "cpu_quota_percent")
    public Integer cpuQuotaPercent;
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    /** By id first, then by name. */
    public static Optional<Flavor> findByIdOrName(String ref) {
        Optional<Flavor> byId = findByIdOptional(ref);
        return byId.isPresent() ? byId : find("name", ref).firstResultOptional();
    }

    public FlavorSpec toSpec() {
        return new FlavorSpec(id, name, vcpus, ramMb, diskGb, cpuQuotaPercent);
    }
}
