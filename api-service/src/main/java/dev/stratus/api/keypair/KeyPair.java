package dev.stratus.api.keypair;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** An SSH public key of a project, by name; its private key (if Stratus generated it) is never kept. */
@Entity
@Table(name = "key_pair")
public class KeyPair extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "project_id")
    public String projectId;
    @Column(name = "user_id")
    public String userId;
    public String name;
    public String type;
    @Column(name = "public_key")
    public String publicKey;
    public String fingerprint;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
