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
    public HostList list() {
        return new HostList(inventory.snapshot().stream()
                .map(h -> HostView.of(h, liveness.isAlive(h.lastSeen()))).toList());
    }

    @GET
    @Path("/{name}")
    public HostView get(@PathParam("name") String name) {
        return inventory.find(name).map(h -> HostView.of(h, liveness.isAlive(h.lastSeen())))
                .orElseThrow(() -> ApiException.notFound("host", name));
    }
}
