package dev.stratus.network.rest;

import dev.stratus.network.model.SecurityGroupRule;
import dev.stratus.network.service.NetworkLists;
import dev.stratus.network.service.SecurityGroupService;
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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;

/** Security group rules: {@code /v1/security-group-rules}. A change reaches the agents' firewalls in seconds. */
@Path("/v1/security-group-rules")
@Produces(MediaType.APPLICATION_JSON)
public class SecurityGroupRuleResource {
    /** Body of {@code POST /v1/security-group-rules}. */
    public record CreateRuleRequest(UUID securityGroupId, @Size(max = 8) @OneLine String direction,
            @Size(max = 4) @OneLine String ethertype, @Size(max = 8) @OneLine String protocol,
            Integer portRangeMin, Integer portRangeMax, @Size(max = 43) @OneLine String remoteIpPrefix,
            UUID remoteGroupId) {
    }

    /** A rule as the API shows it. */
    public record RuleView(UUID id, String projectId, UUID securityGroupId, String direction, String ethertype,
            String protocol, Integer portRangeMin, Integer portRangeMax, String remoteIpPrefix, UUID remoteGroupId,
            Instant createdAt) {
        static RuleView of(SecurityGroupRule r) {
            return new RuleView(r.id, r.projectId, r.securityGroupId, r.direction, r.ethertype, r.protocol,
                    r.portRangeMin, r.portRangeMax, r.remoteIpPrefix, r.remoteGroupId, r.createdAt);
        }
    }

    private final SecurityGroupService groups;
    private final Caller caller;
    private final NetworkLists lists;

    public SecurityGroupRuleResource(SecurityGroupService groups, Caller caller, NetworkLists lists) {
        this.lists = lists;
        this.groups = groups;
        this.caller = caller;
    }

    @Idempotent

    @Parameter(in = ParameterIn.HEADER, name = "Idempotency-Key")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createSecurityGroupRule", summary = "Create a security group rule",
            description = "Allows one flow: direction, ethertype, protocol, port range, and a remote prefix or "
            + "group. Applied to the group's ports at once.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RuleView.class)),
            headers = @Header(name = "Location", description = "The new rule: /v1/security-group-rules/{id}",
                    schema = @Schema(type = SchemaType.STRING)))
    public Response create(@Valid CreateRuleRequest r) {
        caller.requireWrite();
        Ids.requireBody(r);
        if (r.securityGroupId() == null) {
            throw ApiException.badRequest("security_group_id", "security_group_id is required");
        }
        RuleView rule = RuleView.of(groups.addRule(caller.projectId(), r.securityGroupId(), r.direction(),
                r.ethertype(), r.protocol(), r.portRangeMin(), r.portRangeMax(), r.remoteIpPrefix(), r.remoteGroupId()));
        return Response.created(URI.create("/v1/security-group-rules/" + rule.id())).entity(rule).build();
    }

    @GET
    @Operation(operationId = "listSecurityGroupRules",
            summary = "The project's security group rules", description = PagedLists.DESCRIPTION)
    public Map<String, Object> list(@Context UriInfo uri) {
        return lists.securityGroupRules(caller.projectId(), uri.getQueryParameters())
                .body("security_group_rules", RuleView::of);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getSecurityGroupRule", summary = "Show a security group rule",
            description = "A rule of one of the project's groups.")
    public RuleView get(@PathParam("id") String id) {
        return RuleView.of(groups.rule(caller.projectId(), Ids.parse("security group rule", id)));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteSecurityGroupRule", summary = "Delete a security group rule",
            description = "Removed from the group's ports at once.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id) {
        caller.requireWrite();
        groups.deleteRule(caller.projectId(), Ids.parse("security group rule", id));
        return Response.noContent().build();
    }
}
