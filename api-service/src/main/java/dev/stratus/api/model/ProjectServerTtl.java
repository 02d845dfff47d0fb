package dev.stratus.api.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A project's server lifetimes, set by admins: the TTL a server created without one gets, and the longest a server
 * may live after its creation. Null: no default, no maximum.
 */
@Entity
@Table(name = "project_server_ttl")
public class ProjectServerTtl extends PanacheEntityBase {
    @Id
    @Column(name = "project_id")
    public String projectId;
    @Column(name = "default_ttl_seconds")
    public Long defaultTtlSeconds;
    @Column(name = "max_ttl_seconds")
    public Long maxTtlSeconds;

    /** The project's lifetimes; a project without a row has none. */
    public static ProjectServerTtl of(String projectId) {
        ProjectServerTtl ttl = findById(projectId);
        if (ttl == null) {
            ttl = new ProjectServerTtl();
            ttl.projectId = projectId;
        }
        return ttl;
    }
}
