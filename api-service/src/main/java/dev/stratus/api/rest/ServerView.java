package dev.stratus.api.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.stratus.api.model.Instance;

import java.time.OffsetDateTime;

/**
 * A server as the API shows it. {@code status} is the stable state (BUILDING, ACTIVE, STOPPED, PAUSED, SUSPENDED,
 * ERROR), or UNKNOWN while its host does not report; {@code task_state} the operation in flight (scheduling,
 * spawning, powering_off, ..., deleting) or null.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ServerView(String id, String name, String status, String taskState, String powerState,
        Ref flavor, Ref image, int vcpus, int ramMb, int diskGb, String host, String fault, String shutdownBehavior,
        OffsetDateTime expiresAt, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** A reference to a flavor or image by id. */
    public record Ref(String id) {
    }

    public static ServerView of(Instance i) {
        return new ServerView(i.id.toString(), i.name, i.hostLostAt != null ? "UNKNOWN" : i.vmState.name(),
                i.taskState == null ? null : i.taskState.apiName(), i.powerState, new Ref(i.flavorId),
                new Ref(i.imageId), i.vcpus, i.ramMb, i.diskGb, i.host, i.fault, i.shutdownBehavior.apiName(), i.expiresAt, i.createdAt,
                i.updatedAt);
    }
}
