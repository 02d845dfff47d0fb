package dev.stratus.network.rest;

import dev.stratus.network.model.SecurityGroup;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;

/**
 * Security groups: {@code /v1/security-groups}, the token's project's only (another project's group is a 404). The
 * project's {@code default} group is made on its first use (listing groups, creating a port).
 */
@Path("/v1/security-groups")
@Produces(MediaType.APPLICATION_JSON)
public class SecurityGroupResource {
    /** Body of {@code POST /v1/security-groups}. */
    public record CreateSecurityGroupRequest(@Size(max = 255) @OneLine String name,
            @Size(max = 255) String description) {
    }

    /** A group with its rules. */
    public record SecurityGroupView(UUID id, String projectId, String name, String description,
            List<SecurityGroupRuleResource.RuleView> securityGroupRules, Instant createdAt) {
    }

    private final SecurityGroupService groups;
    private final Caller caller;
    private final NetworkLists lists;

    public SecurityGroupResource(SecurityGroupService groups, Caller caller, NetworkLists lists) {
        this.lists = lists;
        this.groups = groups;
        this.caller = caller;
    }

    @Idempotent

    @Parameter(in = ParameterIn.HEADER, name = "Idempotency-Key")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createSecurityGroup", summary = "Create a security group",
            description = "A named group with the default rules (all egress allowed); add rules with "
            + "createSecurityGroupRule.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = SecurityGroupView.class)),
            headers = @Header(name = "Location", description = "The new security group: /v1/security-groups/{id}",
                    schema = @Schema(type = SchemaType.STRING)))
    public Response create(@Valid CreateSecurityGroupRequest r) {
        caller.requireWrite();
        Ids.requireBody(r);
        if (r.name() == null || r.name().isBlank() || r.name().length() > 255) {
            throw ApiException.badRequest("name", "name is required (1-255 characters)");
        }
        SecurityGroupView group = view(groups.create(caller.projectId(), r.name(), r.description()));
        return Response.created(URI.create("/v1/security-groups/" + group.id())).entity(group).build();
    }

    @GET
    @Operation(operationId = "listSecurityGroups",
            summary = "The project's security groups, with their rules", description = PagedLists.DESCRIPTION)
    public Map<String, Object> list(@Context UriInfo uri) {
        return lists.securityGroups(caller.projectId(), uri.getQueryParameters()).body("security_groups", this::view);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getSecurityGroup", summary = "Show a security group",
            description = "With its rules.")
    public SecurityGroupView get(@PathParam("id") String id) {
        return view(groups.get(caller.projectId(), Ids.parse("security group", id)));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteSecurityGroup", summary = "Delete a security group",
            description = "409 while ports use it; the project's default group cannot be deleted.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id) {
        caller.requireWrite();
        groups.delete(caller.projectId(), Ids.parse("security group", id));
        return Response.noContent().build();
    }

    private SecurityGroupView view(SecurityGroup g) {
        List<SecurityGroupRule> rules = groups.rules(caller.projectId(), g.id);
        return new SecurityGroupView(g.id, g.projectId, g.name, g.description,
                rules.stream().map(SecurityGroupRuleResource.RuleView::of).toList(), g.createdAt);
    }
}
