package dev.stratus.api.rest;

import dev.stratus.api.identity.Directory;
import dev.stratus.api.identity.Project;
import dev.stratus.api.identity.ProjectRemoval;
import dev.stratus.api.identity.RoleAssignment;
import dev.stratus.api.identity.User;
import dev.stratus.api.keypair.KeyPairs;
import dev.stratus.api.quota.ComputeUsage;
import dev.stratus.api.quota.QuotaLimits;
import dev.stratus.api.quota.ServiceUsage;
import dev.stratus.platform.auth.Caller;
import dev.stratus.platform.auth.Roles;
import dev.stratus.platform.idempotency.Idempotent;
import dev.stratus.platform.input.OneLine;
import dev.stratus.platform.problem.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;

/**
 * Projects, their members and quotas. Admin only, except that a project's own tokens (and services) may read its
 * quotas.
 */
@Path("/v1/projects")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ProjectResource {
    /** Body of {@code POST /v1/projects}. */
    @Schema(name = "CreateProjectRequest")
    public record NewProject(@Size(max = 63) @OneLine String name,
            @Size(max = 255) String description) {
    }

    /** Body of {@code PUT /v1/projects/{id}/members}: grant {@code role} to {@code user}. */
    @Schema(name = "AddProjectMemberRequest")
    public record Membership(@Size(max = 64) @OneLine String user,
            @Size(max = 16) @OneLine String role) {
    }

    public record ProjectView(String id, String name, String description) {
        static ProjectView of(Project p) {
            return new ProjectView(p.id, p.name, p.description);
        }
    }

    public record MemberView(String userId, String userName, String role) {
    }

    /**
     * One quota: the limit ({@code -1} = unlimited, as in Nova: then {@code unlimited} is true), and, where this
     * service counts it, the usage ({@code in_use}; null when unknown or not asked for).
     */
    public record QuotaView(long limit, Long inUse, boolean unlimited) {
        QuotaView(long limit, Long inUse) {
            this(limit, inUse, limit == QuotaLimits.UNLIMITED);
        }
    }

    @Inject
    Caller caller;
    @Inject
    Directory directory;
    @Inject
    QuotaLimits limits;
    @Inject
    ComputeUsage usage;
    @Inject
    KeyPairs keyPairs;
    @Inject
    ServiceUsage serviceUsage;
    @Inject
    ProjectRemoval removal;

    @GET
    @Operation(operationId = "listProjects", summary = "List projects",
            description = "Every project, by name. Administrators only.")
    public Map<String, List<ProjectView>> list() {
        caller.requireAdmin();
        return Map.of("projects", Project.<Project>list("order by name").stream().map(ProjectView::of).toList());
    }

    @Idempotent
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createProject", summary = "Create a project",
            description = "A new, empty project with the default quotas. Administrators only.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProjectView.class)),
            headers = @Header(name = "Location", description = "The new project: /v1/projects/{id}",
                    schema = @Schema(type = SchemaType.STRING)))
    public Response create(@Valid NewProject body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        caller.requireAdmin();
        if (body == null) {
            throw ApiException.badRequest("name", "a JSON body {\"name\"} is required");
        }
        Project project = directory.createProject(body.name(), body.description());
        return Response.created(URI.create("/v1/projects/" + project.id)).entity(ProjectView.of(project)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getProject", summary = "Show a project",
            description = "By id or name. Administrators only.")
    public ProjectView get(@PathParam("id") String id) {
        caller.requireAdmin();
        return ProjectView.of(find(id));
    }

    /**
     * Deletes the project (administrators) once it owns nothing: 409 problem listing what it still owns by kind
     * ({@code owns}: servers, key_pairs, networks, subnets, ports, routers, floating_ips, security_groups, images),
     * 503 if a service cannot tell; see {@link ProjectRemoval}. Its members' tokens on it are revoked. 409 as well
     * for the project the caller's token is scoped to.
     */
    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteProject", summary = "Delete a project",
            description = "Only a project that owns nothing: otherwise a 409 whose `owns` lists what it still owns "
            + "(servers, key pairs, images, networks, ports, routers, floating IPs, security groups). Its members' and "
            + "credentials' tokens are revoked. The project of the caller's own token cannot be deleted. "
            + "Administrators only.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id) {
        caller.requireAdmin();
        removal.remove(id, caller.projectId());
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/members")
    @Operation(operationId = "listProjectMembers", summary = "List a project's members",
            description = "Each member with a role (member, reader, admin). Administrators only.")
    public Map<String, List<MemberView>> members(@PathParam("id") String id) {
        caller.requireAdmin();
        Project project = find(id);
        return Map.of("members", RoleAssignment.ofProject(project.id).stream().map(r -> new MemberView(r.userId,
                User.<User>findById(r.userId).name, r.role)).toList());
    }

    @PUT
    @Path("/{id}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addProjectMember", summary = "Give a user a role in a project",
            description = "Assigns role (member by default) to user (id or name). Administrators only.")
    @APIResponse(responseCode = "204", description = "Assigned")
    public Response addMember(@PathParam("id") String id, @Valid Membership body) {
        caller.requireAdmin();
        if (body == null || body.user() == null) {
            throw ApiException.badRequest("user", "a JSON body {\"user\", \"role\"} is required");
        }
        directory.assign(find(id).id, body.user(), body.role());
        return Response.noContent().build();
    }

    @DELETE
    @Path("/{id}/members/{user}/{role}")
    @Operation(operationId = "removeProjectMember", summary = "Take a role in a project from a user",
            description = "The user's tokens for the project are revoked. Administrators only.")
    @APIResponse(responseCode = "204", description = "Removed")
    public Response removeMember(@PathParam("id") String id, @PathParam("user") String user,
                                 @PathParam("role") String role) {
        caller.requireAdmin();
        User member = User.findByIdOrName(user).orElseThrow(() -> ApiException.notFound("user", user));
        if (!directory.unassign(find(id).id, member.id, role)) {
            throw ApiException.notFound("role assignment", user + "/" + role);
        }
        return Response.noContent().build();
    }

    /**
     * Limits and usage; the project's own tokens and Stratus services may read them too. {@code networks} and
     * {@code ports} in use come from network-service ({@code GET /internal/usage}), {@code images} and
     * {@code image_bytes} from image-service (the same route), each null if its service does not answer.
     * {@code usage=false} leaves every {@code in_use} null and asks no other service: what image-service and
     * network-service use to read the limits they enforce (a quota check must not wait on two other services).
     */
    @GET
    @Path("/{id}/quotas")
    @Operation(operationId = "getProjectQuotas", summary = "Show a project's quotas",
            description = "Each limit (-1 = unlimited) and what is in use (null where the counting service did not "
            + "answer, or with usage=false). Administrators, and the project's own tokens.")
    public Map<String, QuotaView> quotas(@PathParam("id") String id,
            @jakarta.ws.rs.QueryParam("usage") @jakarta.ws.rs.DefaultValue("true") boolean withUsage) {
        Project project = find(id);
        if (!caller.isAdmin() && !caller.hasRole(Roles.SERVICE) && !caller.projectId().equals(project.id)) {
            throw ApiException.notFound("project", id);
        }
        if (!withUsage) {
            return QuarkusTransaction.requiringNew().call(() -> {
                Map<String, QuotaView> view = new LinkedHashMap<>();
                limits.of(project.id).forEach((resource, limit) -> view.put(resource, new QuotaView(limit, null)));
                return view;
            });
        }
        Map<String, Long> used = new LinkedHashMap<>(serviceUsage.of(project.id));
        return QuarkusTransaction.requiringNew().call(() -> {
            used.putAll(usage.usage(project.id));
            used.put("key_pairs", keyPairs.count(project.id));
            Map<String, QuotaView> view = new LinkedHashMap<>();
            limits.of(project.id).forEach((resource, limit) -> view.put(resource, new QuotaView(limit,
                    used.get(resource))));
            return view;
        });
    }

    /**
     * Overrides some limits: {@code {"instances": 5, "vcpus": -1}}. A limit is a whole number, {@code -1} meaning
     * unlimited (as in Nova); below -1, a number of another type or an unknown quota is a 400 naming the quota.
     */
    @PUT
    @Path("/{id}/quotas")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateProjectQuotas", summary = "Change a project's quotas",
            description = "Overrides the limits named in the body, e.g. {\"instances\": 5, \"vcpus\": -1}; answers "
            + "every quota. Administrators only.")
    public Map<String, QuotaView> setQuotas(@PathParam("id") String id, Map<String, Long> body) {
        caller.requireAdmin();
        if (body == null || body.isEmpty()) {
            throw ApiException.badRequest(null, "a JSON object of quota limits is required, e.g. {\"instances\": 5}");
        }
        limits.override(find(id).id, body);
        return quotas(id, true);
    }

    static Project find(String id) {
        return QuarkusTransaction.joiningExisting().call(() -> Project.findByIdOrName(id))
                .orElseThrow(() -> ApiException.notFound("project", id));
    }
}
