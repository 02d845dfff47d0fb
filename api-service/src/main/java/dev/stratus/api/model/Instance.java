package dev.stratus.api.model;

import dev.stratus.contracts.VmState;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An instance: what the user wants ({@link #desiredState}) next to what the agents last observed
 * ({@link #vmState}, {@link #powerState}) and what is in flight ({@link #taskState}).
 */
@Entity
@Table(name = "instance")
public class Instance extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "project_id")
    public String projectId;
    public String name;
    @Column(name = "flavor_id")
    public String flavorId;
    @Column(name = "image_id")
    public String imageId;
    public int vcpus;
    @Column(name = "ram_mb")
    public int ramMb;
    @Column(name = "disk_gb")
    public int diskGb;
    @Enumerated(EnumType.STRING)
    @Column(name = "desired_state")
    public DesiredState desiredState;
    @Enumerated(EnumType.STRING)
    @Column(name = "vm_state")
    public VmState vmState;
    @Enumerated(EnumType.STRING)
    @Column(name = "task_state")
    public TaskState taskState;
    @Column(name = "power_state")
    public String powerState;
    public String host;
    @Column(name = "agent_url")
    public String agentUrl;
    public String fault;
    @Column(name = "status_seq")
    public long statusSeq;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Column(name = "deleted_at")
    public OffsetDateTime deletedAt;

    /** A live (not deleted) instance of the project, or empty: another project's instance is not found. */
    public static Optional<Instance> findLive(String projectId, UUID id) {
        return find("id = ?1 and projectId = ?2 and deletedAt is null", id, projectId).firstResultOptional();
    }

    public static List<Instance> listLive(String projectId) {
        return list("projectId = ?1 and deletedAt is null order by createdAt", projectId);
    }

    public void markDeleted(OffsetDateTime now) {
        vmState = VmState.DELETED;
        taskState = null;
        deletedAt = now;
        updatedAt = now;
    }
}
