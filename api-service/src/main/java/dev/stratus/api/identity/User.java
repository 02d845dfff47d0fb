package dev.stratus.api.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.Optional;

/** A person or a service account; the password is kept as a bcrypt hash only. */
@Entity
@Table(name = "app_user")
public class User extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    @Column(name = "password_hash")
    public String passwordHash;
    public boolean enabled;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    public static Optional<User> findByIdOrName(String ref) {
        return find("id = ?1 or name = ?1", ref).firstResultOptional();
    }
}
