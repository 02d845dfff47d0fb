package dev.stratus.api.rest;

import dev.stratus.platform.input.OneLine;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /v1/servers/{id}/actions/snapshot}: the new image's name (image-service's column: 255). */
public record SnapshotRequest(
        @Size(max = 255) @OneLine
        String name) {
}
