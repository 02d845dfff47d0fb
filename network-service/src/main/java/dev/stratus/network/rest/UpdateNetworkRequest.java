package dev.stratus.network.rest;

import dev.stratus.platform.input.OneLine;
import dev.stratus.platform.problem.ApiException;
import jakarta.validation.constraints.Size;

/** Body of {@code PUT /v1/networks/{id}}: absent fields stay as they are; {@code shared} only for administrators. */
public record UpdateNetworkRequest(
        @Size(max = CreateNetworkRequest.MAX_NAME) @OneLine String name, Boolean adminStateUp, Boolean shared) {

    /** The new name, or null to keep it. */
    String validName() {
        if (name == null) {
            return null;
        }
        if (name.isBlank() || name.length() > CreateNetworkRequest.MAX_NAME) {
            throw ApiException.badRequest("name", "name must have 1 to " + CreateNetworkRequest.MAX_NAME
                    + " characters");
        }
        return name;
    }
}
