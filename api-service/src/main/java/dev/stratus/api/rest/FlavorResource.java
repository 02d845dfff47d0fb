package dev.stratus.api.rest;

import dev.stratus.api.model.Flavor;
import dev.stratus.platform.problem.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Read-only flavors: {@code GET /v1/flavors}, {@code GET /v1/flavors/{id}}. */
@Path("/v1/flavors")
@Produces(MediaType.APPLICATION_JSON)
public class FlavorResource {

    @GET
    @Operation(operationId = "listFlavors", summary = "List flavors",
            description = "Every flavor, smallest first.")
    public Map<String, List<FlavorView>> list() {
        List<Flavor> flavors = Flavor.list("order by vcpus, ramMb, name");
        return Map.of("flavors", flavors.stream().map(FlavorView::of).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getFlavor", summary = "Show a flavor",
            description = "By id or name.")
    public FlavorView get(@PathParam("id") String id) {
        return Flavor.findByIdOrName(id).map(FlavorView::of)
                .orElseThrow(() -> ApiException.notFound("flavor", id));
    }
}
