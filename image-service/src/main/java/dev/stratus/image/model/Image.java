package dev.stratus.image.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An image's metadata. Its data, once uploaded, lives in the content store under {@link #osHashValue}; several
 * images may share one file.
 */
@Entity
@Table(name = "images")
public class Image {
    public static final String HASH_ALGO = "sha256";

    @Id
    public UUID id;

    /** The owner: the project of the token that registered the image. */
    @Column(name = "project_id")
    public String projectId;

    public String name;

    public ImageStatus status;

    @Column(name = "disk_format")
    public DiskFormat diskFormat;

    @Column(name = "container_format")
    public ContainerFormat containerFormat;

    @Column(name = "min_disk")
    public int minDisk;

    @Column(name = "min_ram")
    public int minRam;

    /** Disk size the guest sees, from {@code qemu-img info}; null until active. */
    @Column(name = "virtual_size")
    public Long virtualSize;

    /** A protected image cannot be deleted (409) until this is cleared. */
    @Column(name = "protected")
    public boolean isProtected;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public List<String> tags = new ArrayList<>();

    /** Bytes of image data; null until active. */
    public Long size;

    @Column(name = "os_hash_algo")
    public String osHashAlgo = HASH_ALGO;

    /** Hex sha256 of the data; null until active. */
    @Column(name = "os_hash_value")
    public String osHashValue;

    /** Hex md5 of the data (Glance's legacy checksum); null until active. */
    public String checksum;

    public Visibility visibility;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, String> properties = new HashMap<>();

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
