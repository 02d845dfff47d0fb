package dev.stratus.api.rest;

/** Answer to a snapshot request: the image that will hold the server's disk (queued → saving → active). */
public record SnapshotAccepted(String imageId, String serverId) {
}
