package dev.stratus.api.rest;

/** Body of {@code POST /v1/servers/{id}/actions/snapshot}: the new image's name. */
public record SnapshotRequest(String name) {
}
