package dev.stratus.api.identity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.api.client.ImageServiceClient;
import dev.stratus.api.client.NetworkServiceClient;
import dev.stratus.api.quota.ComputeUsage;
import dev.stratus.platform.client.Upstream;
import dev.stratus.platform.problem.ApiException;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code DELETE /v1/projects/{id}}: a project is deleted only when it owns nothing anywhere: no server (live or being
 * deleted) and no key pair here, nothing in network-service (networks, subnets, ports, routers, floating IPs, security
 * groups but its default one) nor in image-service (images). Otherwise a 409 problem lists what it owns, by kind
 * ({@code owns}), and nothing is changed. Order, so nothing is left half-deleted: every service is asked first; then
 * network-service and image-service release what is left (the default group, memberships of shared images; each
 * re-checks under its project lock and answers 409 if something appeared); then, in one transaction under the
 * project's compute lock, api-service re-checks its own holdings, revokes the tokens of every member and application
 * credential on the project and deletes the project with its memberships, credentials, quotas and server TTL.
 */
@ApplicationScoped
public class ProjectRemoval {
    @Inject
    @RestClient
    NetworkServiceClient networkService;
    @Inject
    @RestClient
    ImageServiceClient imageService;
    @Inject
    ServiceIdentity identity;
    @Inject
    Revocations revocations;
    @Inject
    ComputeUsage computeUsage;

    /** Deletes the project, or throws 404 (unknown), 409 (it owns something) or 503 (a service cannot tell). */
    public void remove(String projectRef, String callerProjectId) {
        Project project = QuarkusTransaction.requiringNew().call(() -> Project.findByIdOrName(projectRef))
                .orElseThrow(() -> ApiException.notFound("project", projectRef));
        if (project.id.equals(callerProjectId)) {
            throw ApiException.conflict("project " + project.name + " is the one your token is scoped to; delete it"
                    + " with a token of another project");
        }
        Map<String, Long> owned = new LinkedHashMap<>(QuarkusTransaction.requiringNew().call(() -> local(project.id)));
        owned.putAll(holdings("network-service", () -> networkService.projectHoldings(project.id,
                identity.authorization())));
        owned.putAll(holdings("image-service", () -> imageService.projectHoldings(project.id,
                identity.authorization())));
        refuseIfOwning(project, owned);
        release("network-service", project, () -> networkService.releaseProject(project.id, identity.authorization()));
        release("image-service", project, () -> imageService.releaseProject(project.id, identity.authorization()));
        QuarkusTransaction.requiringNew().run(() -> {
            computeUsage.lock(project.id);
            refuseIfOwning(project, local(project.id));
            deleteLocal(project.id);
        });
    }

    /** Servers (not yet gone, including those being deleted) and key pairs of the project, by kind; none: empty. */
    private static Map<String, Long> local(String projectId) {
        Map<String, Long> owned = new LinkedHashMap<>();
        long servers = count("SELECT count(*) FROM api.instance WHERE project_id = ?1 AND deleted_at IS NULL",
                projectId);
        if (servers > 0) {
            owned.put("servers", servers);
        }
        long keyPairs = count("SELECT count(*) FROM api.key_pair WHERE project_id = ?1", projectId);
        if (keyPairs > 0) {
            owned.put("key_pairs", keyPairs);
        }
        return owned;
    }

    private void deleteLocal(String projectId) {
        List<RoleAssignment> members = RoleAssignment.ofProject(projectId);
        members.stream().map(m -> m.userId).distinct().forEach(user -> revocations.userOnProject(user, projectId));
        ApplicationCredential.<ApplicationCredential>list("projectId = ?1 and revokedAt is null", projectId)
                .forEach(revocations::credential);
        for (String table : List.of("application_credential", "role_assignment", "quota_limit", "project_usage",
                "project_server_ttl")) {
            Panache.getEntityManager().createNativeQuery("DELETE FROM api." + table + " WHERE project_id = ?1")
                    .setParameter(1, projectId).executeUpdate();
        }
        Panache.getEntityManager().createNativeQuery("DELETE FROM api.project WHERE id = ?1")
                .setParameter(1, projectId).executeUpdate();
    }

    private static void refuseIfOwning(Project project, Map<String, Long> owned) {
        if (owned.isEmpty()) {
            return;
        }
        StringBuilder what = new StringBuilder();
        owned.forEach((kind, count) -> what.append(what.length() == 0 ? "" : ", ").append(count).append(' ')
                .append(kind));
        throw ApiException.conflict("project " + project.name + " still owns " + what + "; delete them first")
                .withExtension("owns", owned);
    }

    private static Map<String, Long> holdings(String service, Supplier<JsonNode> call) {
        JsonNode body;
        try {
            body = Upstream.call(service, call);
        } catch (WebApplicationException e) {
            throw ApiException.unavailable(service + " answered " + Upstream.status(e)
                    + " when asked what the project holds; nothing was deleted");
        }
        Map<String, Long> held = new LinkedHashMap<>();
        if (body != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> kind = it.next();
                if (kind.getValue().asLong() > 0) {
                    held.put(kind.getKey(), kind.getValue().asLong());
                }
            }
        }
        return held;
    }

    private static void release(String service, Project project, Runnable call) {
        try {
            Upstream.run(service, call);
        } catch (WebApplicationException e) {
            if (Upstream.status(e) == 409) {
                throw ApiException.conflict("project " + project.name + " got new resources in " + service
                        + " while it was being deleted; delete them first");
            }
            throw ApiException.unavailable(service + " answered " + Upstream.status(e)
                    + " when asked to release the project; the project was not deleted");
        }
    }

    private static long count(String sql, String projectId) {
        return ((Number) Panache.getEntityManager().createNativeQuery(sql).setParameter(1, projectId)
                .getSingleResult()).longValue();
    }
}
