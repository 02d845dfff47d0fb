package dev.stratus.api.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.stratus.api.model.Instance;
import dev.stratus.api.model.InstanceSecurityGroup;

import java.time.OffsetDateTime;

/**
 * A server as the API shows it. {@code status} is the stable state (BUILDING, ACTIVE, STOPPED, PAUSED, SUSPENDED,
 * VERIFY_RESIZE, ERROR), or UNKNOWN while its host does not report; {@code task_state} the operation in flight
 * (scheduling, spawning, powering_off, ..., resizing, rebuilding, deleting) or null. While a resize is not settled,
 * {@code flavor} is the new flavor and {@code resize_from} the old one (a revert gives it back). {@code hostname},
 * {@code key_name} and {@code config_drive} are what the guest was given at create ({@code user_data} is never shown);
 * {@code addresses} its addresses by network ({@link ServerAddresses}); {@code security_groups} the groups of its ports
 * when it was created (null for a server created before Stratus kept them).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ServerView(String id, String name, String status, String taskState, String powerState,
        Ref flavor, Ref image, int vcpus, int ramMb, int diskGb, String host, String fault, String shutdownBehavior,
        OffsetDateTime expiresAt, String description, java.util.Map<String, String> metadata,
        java.util.List<String> tags, Ref resizeFrom, String hostname, String keyName, boolean configDrive,
        java.util.Map<String, java.util.List<ServerAddresses.Address>> addresses,
        java.util.List<InstanceSecurityGroup> securityGroups, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** A reference to a flavor or image by id. */
    public record Ref(String id) {
    }

    /** One server, its tags read from the database. */
    public static ServerView of(Instance i) {
        return of(i, dev.stratus.api.model.InstanceTag.of(i.id));
    }

    /** Servers of a list page, their tags read in one query. */
    public static java.util.List<ServerView> of(java.util.List<Instance> page) {
        java.util.Map<java.util.UUID, java.util.List<String>> tags = dev.stratus.api.model.InstanceTag.of(
                page.stream().map(i -> i.id).toList());
        return page.stream().map(i -> of(i, tags.getOrDefault(i.id, java.util.List.of()))).toList();
    }

    static ServerView of(Instance i, java.util.List<String> tags) {
        return new ServerView(i.id.toString(), i.name, status(i),
                i.taskState == null ? null : i.taskState.apiName(), i.powerState, new Ref(i.flavorId),
                new Ref(i.imageId), i.vcpus, i.ramMb, i.diskGb, i.host, i.fault, i.shutdownBehavior.apiName(),
                i.expiresAt, i.description, i.metadata, tags,
                i.resizeFromFlavorId == null ? null : new Ref(i.resizeFromFlavorId), i.hostname, i.keyName,
                i.configDrive, ServerAddresses.of(i), i.securityGroups, i.createdAt, i.updatedAt);
    }

    /** The same view with other addresses (the server's floating ones added: {@code GET /v1/servers/{id}}). */
    public ServerView withAddresses(java.util.Map<String, java.util.List<ServerAddresses.Address>> shown) {
        return new ServerView(id, name, status, taskState, powerState, flavor, image, vcpus, ramMb, diskGb, host, fault,
                shutdownBehavior, expiresAt, description, metadata, tags, resizeFrom, hostname, keyName, configDrive,
                shown, securityGroups, createdAt, updatedAt);
    }

    /** The status a user sees: UNKNOWN while the host is silent; VERIFY_RESIZE (Nova's word) for RESIZED. */
    public static String status(Instance i) {
        if (i.hostLostAt != null) {
            return "UNKNOWN";
        }
        return i.vmState == dev.stratus.contracts.VmState.RESIZED ? "VERIFY_RESIZE" : i.vmState.name();
    }
}
