package dev.stratus.scheduler.rest;

import dev.stratus.platform.problem.ApiException;
import dev.stratus.scheduler.model.Allocation;
import dev.stratus.scheduler.service.Allocations;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Read-only view of the claims: which instance holds what on which host. */
@Path("/v1/scheduler/allocations")
@Produces(MediaType.APPLICATION_JSON)
public class AllocationResource {

    public record AllocationView(String instanceId, String host, String projectId, int vcpus, long ramMb,
            long diskGb, Instant createdAt) {
        static AllocationView of(Allocation a) {
            return new AllocationView(a.instanceId, a.host, a.projectId, a.vcpus, a.ramMb, a.diskGb, a.createdAt);
        }
    }

    public record AllocationList(List<AllocationView> allocations) {
    }

    @Inject
    Allocations allocations;

    /** All allocations, or only those on {@code ?host=}. */
    @GET
    @Operation(operationId = "listAllocations", summary = "List allocations",
            description = "Every claim (which server holds what on which host), or only those on host. "
            + "Administrators only.")
    public AllocationList list(@QueryParam("host") String host) {
        return new AllocationList(allocations.list(host).stream().map(AllocationView::of).toList());
    }

    @GET
    @Path("/{instanceId}")
    @Operation(operationId = "getAllocation", summary = "Show a server's allocation",
            description = "What the server claims on its host. Administrators only.")
    public AllocationView get(@PathParam("instanceId") String instanceId) {
        return allocations.find(instanceId).map(AllocationView::of)
                .orElseThrow(() -> ApiException.notFound("allocation for instance", instanceId));
    }
}
