package dev.stratus.api.service;

import dev.stratus.platform.input.OneLine;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /v1/servers}: flavor and image by id or name, optionally the networks to plug it into
 * (each entry names a {@code network} to get a new port on, or an existing {@code port}), and what happens when the
 * guest powers itself off ({@code shutdown_behavior}: {@code stop}, the default, or {@code delete}), and a lifetime
 * ({@code ttl_seconds} or {@code expires_at}; the project's default TTL otherwise), and what the user keeps on it
 * ({@code description}, {@code metadata}, {@code tags}; see {@code ServerDetails}), and what the guest learns about
 * itself ({@code key_name}, {@code user_data}, {@code hostname}, {@code config_drive}; see {@link GuestIdentities}),
 * and the security groups of the ports made for it ({@code security_groups}: names or ids of the project's groups; see
 * {@link ServerSecurityGroups}).
 */
@Schema(name = "CreateServerRequest")
public record CreateServer(
        @Size(max = 63) @OneLine String name,
        @Size(max = 255) @OneLine String flavor,
        @Size(max = 255) @OneLine String image,
        @Size(max = 16) List<@Valid NetworkAttachment> networks,
        @Size(max = 16) @OneLine String shutdownBehavior,
        Long ttlSeconds, java.time.OffsetDateTime expiresAt,
        @Size(max = ServerDetails.MAX_DESCRIPTION) String description,
        @Size(max = ServerDetails.MAX_METADATA)
        java.util.Map<@Size(max = ServerDetails.MAX_METADATA_KEY) String,
                @Size(max = ServerDetails.MAX_METADATA_VALUE) String> metadata,
        @Size(max = ServerDetails.MAX_TAGS) List<@Size(max = ServerDetails.MAX_TAG) String> tags,
        @Size(max = 64) @OneLine String keyName,
        @Size(max = GuestIdentities.MAX_USER_DATA_BASE64) String userData,
        @Size(max = GuestIdentities.MAX_HOSTNAME) @OneLine String hostname,
        Boolean configDrive,
        @Size(max = ServerSecurityGroups.MAX_GROUPS)
        List<@Size(max = ServerSecurityGroups.MAX_REFERENCE) @OneLine String> securityGroups) {

    /** One NIC of the server: {@code {"network": id}} or {@code {"port": id}}. */
    public record NetworkAttachment(
            @Size(max = 36) @OneLine String network,
            @Size(max = 36) @OneLine String port) {
    }
}
