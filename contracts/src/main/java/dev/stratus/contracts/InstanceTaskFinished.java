package dev.stratus.contracts;

import java.time.Instant;

/**
 * An agent finished a task of an instance that is not a power change ({@code snapshot}, {@code resize},
 * {@code revert-resize}, {@code rebuild}), well or not. Published
 * on {@link Topics#INSTANCE_STATUS}, keyed by instance id; api-service ends the instance's task with it. Version 1.
 *
 * @param task      {@code snapshot}, {@code resize}, {@code revert-resize} or {@code rebuild}
 * @param reference what the task was about: the image id of a snapshot; the request's {@code reference} otherwise
 * @param succeeded whether it did what was asked
 * @param fault     why not, else null
 */
public record InstanceTaskFinished(String eventId, int version, String instanceId, String host, String task,
        String reference, boolean succeeded, String fault, Instant finishedAt) implements StratusEvent {
    public static final int VERSION = 1;
    public static final String SNAPSHOT = "snapshot";
    public static final String RESIZE = "resize";
    public static final String REVERT_RESIZE = "revert-resize";
    public static final String REBUILD = "rebuild";
}
