package dev.stratus.api.service;

import java.util.List;

/**
 * The body of {@code POST /v1/servers}: flavor and image by id or name, optionally the networks to plug it into
 * (each entry names a {@code network} to get a new port on, or an existing {@code port}), and what happens when the
 * guest powers itself off ({@code shutdown_behavior}: {@code stop}, the default, or {@code delete}), and a lifetime
 * ({@code ttl_seconds} or {@code expires_at}; the project's default TTL otherwise), and what the user keeps on it
 * ({@code description}, {@code metadata}, {@code tags}; see {@code ServerDetails}), and what the guest learns about
 * itself ({@code key_name}, {@code user_data}, {@code hostname}, {@code config_drive}; see {@link GuestIdentities}).
 */
public record CreateServer(String name, String flavor, String image, List<NetworkAttachment> networks,
        String shutdownBehavior, Long ttlSeconds, java.time.OffsetDateTime expiresAt, String description,
        java.util.Map<String, String> metadata, List<String> tags, String keyName, String userData, String hostname,
        Boolean configDrive) {

    /** One NIC of the server: {@code {"network": id}} or {@code {"port": id}}. */
    public record NetworkAttachment(String network, String port) {
    }
}
