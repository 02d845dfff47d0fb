package dev.stratus.scheduler.rest;

import dev.stratus.platform.problem.ApiException;
import dev.stratus.scheduler.filter.AliveFilter;
import dev.stratus.scheduler.service.HostInventory;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Read-only view of the host inventory, for operators and tests. */
@Path("/v1/scheduler/hosts")
@Produces(MediaType.APPLICATION_JSON)
public class HostResource {

    public record HostList(List<HostView> hosts) {
    }

    @Inject
    HostInventory inventory;
    @Inject
    AliveFilter liveness;

    @GET
    @Operation(operationId = "listHosts", summary = "List compute hosts",
            description = "Every host the scheduler knows, with its capacity, what is claimed and whether it "
            + "reports. Administrators only.")
    public HostList list() {
        return new HostList(inventory.snapshot().stream()
                .map(h -> HostView.of(h, liveness.isAlive(h.lastSeen()))).toList());
    }

    @GET
    @Path("/{name}")
    @Operation(operationId = "getHost", summary = "Show a compute host",
            description = "By name. Administrators only.")
    public HostView get(@PathParam("name") String name) {
        return inventory.find(name).map(h -> HostView.of(h, liveness.isAlive(h.lastSeen())))
                .orElseThrow(() -> ApiException.notFound("host", name));
    }
}
