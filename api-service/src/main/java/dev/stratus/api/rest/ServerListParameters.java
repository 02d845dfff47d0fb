package dev.stratus.api.rest;

import dev.stratus.api.service.ServerQuery;
import dev.stratus.platform.paging.ListDocs;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import java.util.List;

/** Documents {@code GET /v1/servers}' paging, sorting and filters in the OpenAPI description (see ServerQuery). */
public class ServerListParameters implements OASFilter {
    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        ListDocs.document(openApi, List.of(ServerQuery.documented()));
    }
}
