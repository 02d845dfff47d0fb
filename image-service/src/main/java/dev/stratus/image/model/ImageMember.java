package dev.stratus.image.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A project a {@code shared} image is shared with: it sees the image and can boot it, but not change it. */
@Entity
@Table(name = "image_members")
@IdClass(ImageMember.Key.class)
public class ImageMember extends io.quarkus.hibernate.orm.panache.PanacheEntityBase {
    @Id
    @Column(name = "image_id")
    public UUID imageId;

    @Id
    public String member;

    @Column(name = "created_at")
    public Instant createdAt;

    /** Primary key: image and member project. */
    public record Key(UUID imageId, String member) implements Serializable {
    }
}
