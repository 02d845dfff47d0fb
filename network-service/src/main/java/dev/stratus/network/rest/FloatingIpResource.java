package dev.stratus.network.rest;

import dev.stratus.network.quota.ProjectUsage;
import dev.stratus.network.quota.QuotaLimits;
import dev.stratus.network.service.FloatingIpService;
import dev.stratus.network.service.NetworkLists;
import dev.stratus.network.service.Tenant;
import dev.stratus.platform.auth.Caller;
import dev.stratus.platform.idempotency.Idempotent;
import dev.stratus.platform.input.OneLine;
import dev.stratus.platform.problem.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;

/**
 * Floating IPs: {@code /v1/floating-ips}, the token's project's only (another project's is a 404). An address of an
 * external network that reaches one of the project's ports through a router: DNAT in, SNAT out.
 */
@Path("/v1/floating-ips")
@Produces(MediaType.APPLICATION_JSON)
public class FloatingIpResource {
    /** Body of {@code POST /v1/floating-ips}. */
    public record CreateFloatingIpRequest(UUID floatingNetworkId, UUID portId,
            @Size(max = 45) @OneLine String fixedIpAddress, @Size(max = 255) String description) {
    }

    private static final Set<String> UPDATABLE = Set.of("port_id", "fixed_ip_address", "description");
    private static final String ASSOCIATION = "The port must be the project's, with an IPv4 address on a subnet that"
            + " a router joins to the floating IP's network (its `external_gateway_info`): otherwise a 400 naming"
            + " `port_id` says which subnet and network need a router. A port of another project is a 404; a port"
            + " that already has a floating IP a 409.";

    private final FloatingIpService floatingIps;
    private final QuotaLimits quotas;
    private final Caller caller;
    private final NetworkLists lists;

    public FloatingIpResource(FloatingIpService floatingIps, QuotaLimits quotas, Caller caller, NetworkLists lists) {
        this.floatingIps = floatingIps;
        this.quotas = quotas;
        this.caller = caller;
        this.lists = lists;
    }

    @Idempotent

    @Parameter(in = ParameterIn.HEADER, name = "Idempotency-Key")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createFloatingIp",
            summary = "Allocate a floating IP in the token's project", description = "From the first subnet of"
            + " `floating_network_id`, an external network (`router:external`; 400 otherwise). Counts against the"
            + " project's `floating_ips` quota (409 problem whose `field` is `floating_ips`). With `port_id` it is"
            + " associated at once. " + ASSOCIATION)
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = FloatingIpView.class)),
            headers = @Header(name = "Location", description = "The new floating IP: /v1/floating-ips/{id}",
                    schema = @Schema(type = SchemaType.STRING)))
    public Response create(@Valid CreateFloatingIpRequest r, @Context UriInfo uri) {
        caller.requireWrite();
        Ids.requireBody(r);
        Tenant tenant = Tenant.of(caller);
        long limit = quotas.limit(tenant.projectId(), ProjectUsage.FLOATING_IPS);
        FloatingIpView view = FloatingIpView.of(floatingIps.create(tenant, r.floatingNetworkId(), r.description(),
                new FloatingIpService.Association(r.portId(), r.fixedIpAddress()), limit));
        return Response.created(uri.getAbsolutePathBuilder().path(view.id().toString()).build()).entity(view).build();
    }

    @GET
    @Operation(operationId = "listFloatingIps",
            summary = "The project's floating IPs", description = PagedLists.DESCRIPTION)
    public Map<String, Object> list(@Context UriInfo uri) {
        return lists.floatingIps(Tenant.of(caller), uri.getQueryParameters()).body("floating_ips",
                FloatingIpView::of);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getFloatingIp", summary = "Show a floating IP",
            description = "A floating IP of the project, with its association.")
    public FloatingIpView get(@PathParam("id") String id) {
        return FloatingIpView.of(floatingIps.get(Tenant.of(caller), Ids.parse("floating IP", id)));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateFloatingIp",
            summary = "Associate or disassociate a floating IP", description = "`{\"port_id\": <port>}`"
            + " associates it (optionally `fixed_ip_address`, one of the port's addresses), `{\"port_id\": null}`"
            + " disassociates it; `description` changes alone leave the association as it is. " + ASSOCIATION)
    public FloatingIpView update(@PathParam("id") String id, Map<String, Object> body) {
        caller.requireWrite();
        Tenant tenant = Tenant.of(caller);
        UUID floatingIpId = floatingIps.get(tenant, Ids.parse("floating IP", id)).id;
        Ids.requireBody(body);
        for (String field : body.keySet()) {
            if (!UPDATABLE.contains(field)) {
                throw ApiException.badRequest(field, "unknown field '" + field + "'; a floating IP update takes "
                        + "port_id, fixed_ip_address and description");
            }
        }
        FloatingIpService.Association association = body.containsKey("port_id")
                ? new FloatingIpService.Association(uuid(body.get("port_id")), text(body, "fixed_ip_address")) : null;
        if (association == null && body.containsKey("fixed_ip_address")) {
            throw ApiException.badRequest("fixed_ip_address", "fixed_ip_address goes with port_id");
        }
        return FloatingIpView.of(floatingIps.update(tenant, floatingIpId, text(body, "description"), association));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteFloatingIp",
            summary = "Release a floating IP", description = "Disassociates it and gives the address back.")
    @APIResponse(responseCode = "204", description = "Released")
    public Response delete(@PathParam("id") String id) {
        caller.requireWrite();
        floatingIps.delete(Tenant.of(caller), Ids.parse("floating IP", id));
        return Response.noContent().build();
    }

    private static UUID uuid(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("port_id", "port_id must be a port's id (a UUID) or null, not '" + value
                    + "'");
        }
    }

    private static String text(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value != null && !(value instanceof String)) {
            throw ApiException.badRequest(field, field + " must be a string");
        }
        int control = value == null ? -1 : dev.stratus.platform.input.ControlCharacters.inLine((String) value);
        if (control >= 0) {
            throw ApiException.badRequest(field, field + " holds "
                    + dev.stratus.platform.input.ControlCharacters.describe((String) value, control));
        }
        if (value != null && ((String) value).length() > 255) {
            throw ApiException.badRequest(field, field + " is longer than 255 characters");
        }
        return (String) value;
    }
}
