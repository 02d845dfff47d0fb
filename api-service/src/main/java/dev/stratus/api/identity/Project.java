package dev.stratus.api.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.Optional;

/** A tenant: every resource belongs to one project, and a token is scoped to one. */
@Entity
@Table(name = "project")
public class Project extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    public String description;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    public static Optional<Project> findByIdOrName(String ref) {
        return find("id = ?1 or name = ?1", ref).firstResultOptional();
    }
}
