package dev.stratus.network.rest;

import dev.stratus.platform.paging.ListDocs;
import dev.stratus.network.service.NetworkLists;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/** Documents the query parameters of every list route (see {@link NetworkLists}) in the OpenAPI description. */
public class ListParametersFilter implements OASFilter {
    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        ListDocs.document(openApi, NetworkLists.ALL);
    }
}
