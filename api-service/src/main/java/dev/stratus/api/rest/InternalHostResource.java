package dev.stratus.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.api.model.Instance;
import dev.stratus.platform.auth.Caller;
import dev.stratus.platform.auth.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * What should exist on a compute host, for its agent (role {@code service}): every live instance placed there, with
 * the placement it was built from, what the user wants of it and the last power request. The control plane is the
 * source of desired state: an agent that restarts, or whose files are gone, asks here and converges.
 */
@Path("/internal/v1/hosts/{host}/instances")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class InternalHostResource {
    @Inject
    Caller caller;
    @Inject
    ObjectMapper json;

    /**
     * One instance the host should have.
     *
     * @param placement       the {@code InstancePlaced} event it was built from (JSON), or null if not recorded
     * @param vmState         what the host last reported (BUILDING, ACTIVE, ...): an instance past BUILDING existed
     *                        before, so an agent that no longer has it rebuilds it (and says so)
     * @param desiredState    RUNNING, STOPPED, PAUSED, SUSPENDED or DELETED
     * @param powerGeneration the generation of the last power request (0: none)
     * @param powerOperation  that request's operation, or null
     * @param resize          while a resize is not settled (in flight, awaiting confirmation, reverting): the flavor
     *                        it started from, whose disk the host keeps for a revert; null otherwise
     */
    public record HostInstance(String instanceId, JsonNode placement, String vmState, String desiredState,
            long powerGeneration, String powerOperation, Resize resize) {
    }

    /** A resize not settled yet: {@code from} is the old flavor (its sizes as the instance had them). */
    public record Resize(String reference, dev.stratus.contracts.FlavorSpec from) {
    }

    @GET
    @Operation(operationId = "listHostInstances", summary = "What should run on a host",
            description = "The instances placed on the host with their desired state, for its agent's resync. "
            + "Service tokens only.")
    public Map<String, List<HostInstance>> instances(@PathParam("host") String host) {
        caller.requireRole(Roles.SERVICE, Roles.ADMIN);
        List<HostInstance> instances = QuarkusTransaction.requiringNew().call(() -> Instance.liveOnHost(host)
                .stream().map(this::view).toList());
        return Map.of("instances", instances);
    }

    private HostInstance view(Instance i) {
        JsonNode placement = null;
        if (i.placement != null) {
            try {
                placement = json.readTree(i.placement);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        // RESIZED is api-service's own word; the host knows the state it reported
        String vmState = i.vmState != dev.stratus.contracts.VmState.RESIZED ? i.vmState.name()
                : "RUNNING".equals(i.powerState) ? "ACTIVE" : "STOPPED";
        Resize resize = i.resizeFromFlavorId == null ? null : new Resize(null, new dev.stratus.contracts.FlavorSpec(
                i.resizeFromFlavorId, i.resizeFromFlavorId, i.resizeFromVcpus, i.resizeFromRamMb,
                i.resizeFromDiskGb, null));
        return new HostInstance(i.id.toString(), placement, vmState, i.desiredState.name(), i.powerGeneration,
                i.powerOperation == null ? null : i.powerOperation.name(), resize);
    }
}
