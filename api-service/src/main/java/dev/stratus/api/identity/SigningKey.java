package dev.stratus.api.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** One RSA key pair (private key as base64 PKCS#8, public key as a JWK). */
@Entity
@Table(name = "signing_key")
public class SigningKey extends PanacheEntityBase {
    @Id
    public String kid;
    @Column(name = "private_key")
    public String privateKey;
    @Column(name = "public_jwk")
    public String publicJwk;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "retired_at")
    public OffsetDateTime retiredAt;
}
