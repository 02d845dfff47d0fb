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
 * ({@link #vmState}, {@link #powerState}) and what is in flight ({@link #taskState}). Only
 * {@code dev.stratus.api.lifecycle.InstanceLifecycle} writes the desired state, vm_state and task_state.
 */
@Entity
@Table(name = "instance")
public class Instance extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "project_id")
    public String projectId;
    public String name;
    public String description;
    /** String pairs the user keeps on the server (bounded by {@code ServerDetails}). */
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.JSON)
    public java.util.Map<String, String> metadata = new java.util.TreeMap<>();
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
    /** Grows with every power request; the agent reports the generation it converged to. */
    @Column(name = "power_generation")
    public long powerGeneration;
    @Enumerated(EnumType.STRING)
    @Column(name = "shutdown_behavior")
    public ShutdownBehavior shutdownBehavior;
    /** The history entry of the task in flight ({@link #taskState}), finished when the task is over. */
    @Column(name = "task_action_id")
    public UUID taskActionId;
    /** When the server is deleted by itself (its TTL), or null: it lives until deleted. */
    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;
    /** Since when the host has not reported (the server shows UNKNOWN), or null. */
    @Column(name = "host_lost_at")
    public OffsetDateTime hostLostAt;
    /**
     * The {@code InstancePlaced} the scheduler sent (JSON): what the host needs to build the instance again. Loaded
     * only when read (it carries the user-data): a list of servers never reads it.
     */
    @jakarta.persistence.Basic(fetch = jakarta.persistence.FetchType.LAZY)
    public String placement;
    /** The guest's host name (RFC 1123), from the create or derived from the name. */
    public String hostname;
    /** The name of the key pair given at create, or null. */
    @Column(name = "key_name")
    public String keyName;
    /** That key pair's public key, copied at create (a later delete of the key pair changes nothing here). */
    @jakarta.persistence.Basic(fetch = jakarta.persistence.FetchType.LAZY)
    @Column(name = "public_key")
    public String publicKey;
    /** The user-data, base64, at most 64 KiB decoded, or null; never shown in the server view. */
    @jakarta.persistence.Basic(fetch = jakarta.persistence.FetchType.LAZY)
    @Column(name = "user_data")
    public String userData;
    /** Whether the host attaches a config drive (the OpenStack config-2 layout) to the guest. */
    @Column(name = "config_drive")
    public boolean configDrive;
    /** The instance's ports as the server view shows them (its addresses), in the order the guest sees them. */
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.JSON)
    public List<InstancePort> ports = new java.util.ArrayList<>();
    /**
     * The security groups of the instance's ports when it was created, in the order the create named them; null for
     * an instance created before Stratus kept them.
     */
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.JSON)
    @Column(name = "security_groups")
    public List<InstanceSecurityGroup> securityGroups;
    /** The last power operation asked of the host ({@code PowerOperation}), or null. */
    @Enumerated(EnumType.STRING)
    @Column(name = "power_operation")
    public dev.stratus.contracts.PowerOperation powerOperation;
    /** The flavor before a resize in flight or awaiting confirmation (null otherwise): a revert gives it back. */
    @Column(name = "resize_from_flavor_id")
    public String resizeFromFlavorId;
    @Column(name = "resize_from_vcpus")
    public Integer resizeFromVcpus;
    @Column(name = "resize_from_ram_mb")
    public Integer resizeFromRamMb;
    @Column(name = "resize_from_disk_gb")
    public Integer resizeFromDiskGb;
    /** Names the resize not settled yet in all its events (the id of its history entry), or null. */
    @Column(name = "resize_reference")
    public UUID resizeReference;
    /** When the host finished the resize now awaiting confirmation (the auto-confirm clock), or null. */
    @Column(name = "resized_at")
    public OffsetDateTime resizedAt;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Column(name = "deleted_at")
    public OffsetDateTime deletedAt;

    /** Whether the host finished a resize that is neither confirmed nor reverted yet (vm_state RESIZED). */
    public boolean awaitsResizeConfirmation() {
        return resizedAt != null && resizeFromFlavorId != null;
    }

    /** A live (not deleted) instance of the project, or empty: another project's instance is not found. */
    public static Optional<Instance> findLive(String projectId, UUID id) {
        return find("id = ?1 and projectId = ?2 and deletedAt is null", id, projectId).firstResultOptional();
    }

    /** The live instances placed on a host. */
    public static List<Instance> liveOnHost(String host) {
        return list("host = ?1 and deletedAt is null order by createdAt", host);
    }
}
