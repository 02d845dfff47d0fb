package dev.stratus.api.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * A secret a CI pipeline exchanges for a token of one user on one project, with the roles the user delegated when
 * creating it. Only a bcrypt hash of the secret is kept; a revoked credential gets no new token.
 */
@Entity
@Table(name = "application_credential")
public class ApplicationCredential extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "project_id")
    public String projectId;
    public String name;
    @Column(name = "secret_hash")
    public String secretHash;
    /** Comma-separated roles. */
    public String roles;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;
    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;
}
