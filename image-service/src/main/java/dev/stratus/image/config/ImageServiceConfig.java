package dev.stratus.image.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Configuration of image-service ({@code stratus.image.*}). */
@ConfigMapping(prefix = "stratus.image")
public interface ImageServiceConfig {

    /**
     * Root directory of the filesystem image store. Image data lives content-addressed under
     * {@code <store-dir>/<sha256[0:2]>/<sha256>}; uploads in progress are written to {@code <store-dir>/tmp/} (same
     * filesystem, so the final move is an atomic rename). Env: {@code STRATUS_IMAGE_STORE}.
     * Default {@code /var/lib/stratus/images}.
     */
    @WithDefault("/var/lib/stratus/images")
    Path storeDir();

    /**
     * Largest image data accepted by {@code PUT /v1/images/{id}/file}, e.g. {@code 10G}, {@code 512M}. A larger
     * upload is refused with 413 (before reading when Content-Length says so, else as soon as the limit is passed,
     * and the image is then {@code killed}). Must not exceed {@code quarkus.http.limits.max-body-size}.
     * Default {@code 10G}.
     */
    @WithDefault("10G")
    MemorySize maxImageSize();

    /**
     * How long an instance that was requested but has not reported a built state still counts as booting from its
     * image (so {@code DELETE} of that image is a 409). A lost event cannot hold an image longer. Default {@code 1h}.
     */
    @WithDefault("1h")
    Duration bootingTimeout();

    /**
     * At start-up, finish what a crash interrupted: delete temporary upload files under {@code <store-dir>/tmp/} and
     * mark images left in {@code saving} as {@code killed}. Right for one image-service per store directory (the
     * default deployment); set {@code false} when several replicas share one store directory and database, since
     * one replica's start would otherwise kill the others' running uploads. Default {@code true}.
     */
    @WithDefault("true")
    boolean recoverOnStart();

    /**
     * Image bytes each project may hold (sum of the sizes of its images that have data), e.g. {@code 100G}, used
     * only while {@link #servicePassword()} is unset: otherwise the limit is the project's {@code image_bytes} quota
     * read from api-service. Enforced while the upload streams (413 once passed, the image is then {@code killed})
     * and again when it is committed, so two parallel uploads cannot both overrun it. Default {@code 100G}.
     */
    @WithDefault("100G")
    MemorySize projectQuotaBytes();

    /**
     * The {@code qemu-img} binary that validates uploads ({@code qemu-img info --output=json}: the probed format
     * must match {@code disk_format}; backing files, external data files and vmdk extents elsewhere are refused;
     * {@code virtual_size} is recorded). Default {@code qemu-img} (from {@code PATH}).
     */
    @WithDefault("qemu-img")
    String qemuImg();

    /** How long {@code qemu-img info} may take on one upload before the upload fails. Default {@code 30s}. */
    @WithDefault("30s")
    Duration inspectionTimeout();

    /**
     * Base URL of api-service: it issues image-service's own token ({@code POST /v1/auth/tokens}) and serves each
     * project's quota limits ({@code GET /v1/projects/{id}/quotas}). Default {@code http://localhost:8080}.
     */
    @WithDefault("http://localhost:8080")
    String identityUrl();

    /** image-service's service user (role {@code service}); see {@link #servicePassword()}. */
    @WithDefault("image-service")
    String serviceUser();

    /** The project the service user's token is scoped to. Default {@code service}. */
    @WithDefault("service")
    String serviceProject();

    /**
     * Password of {@link #serviceUser()} (env {@code STRATUS_IMAGE_SERVICE_PASSWORD}; {@code ./stratus up} passes
     * the one it generated and api-service bootstraps the user with it). Unset: image-service cannot ask api-service
     * for quota limits and enforces {@link #defaultQuotas()} and {@link #projectQuotaBytes()} for every project
     * instead (logged at start).
     */
    Optional<String> servicePassword();

    /**
     * Timeout of the login to api-service (the service token). Default 5 s. The quota reads go through the typed
     * client {@code dev.stratus.platform.client.ProjectQuotasClient} (its own 5 s {@code @Timeout}, retries and circuit
     * breaker; {@code quarkus.rest-client.api-service.*} in application.properties).
     */
    @WithDefault("5s")
    Duration identityTimeout();

    /** Limits used only while {@link #servicePassword()} is unset ({@code stratus.image.default-quotas.*}). */
    DefaultQuotas defaultQuotas();

    /** Fallback limits; -1 means unlimited. Same defaults as api-service's {@code stratus.api.quotas.*}. */
    interface DefaultQuotas {
        /** Images per project. Default 20. */
        @WithDefault("20")
        long images();
    }
}
