package dev.stratus.api.service;

import dev.stratus.api.lifecycle.InstanceAction;
import dev.stratus.api.lifecycle.InstanceLifecycle;
import dev.stratus.api.model.DesiredState;
import dev.stratus.api.model.Flavor;
import dev.stratus.api.model.Instance;
import dev.stratus.api.model.TaskState;
import dev.stratus.api.outbox.Outbox;
import dev.stratus.api.quota.ComputeUsage;
import dev.stratus.api.rest.ServerView;
import dev.stratus.contracts.InstanceDeleteRequested;
import dev.stratus.contracts.InstanceRequested;
import dev.stratus.contracts.PortBinding;
import dev.stratus.contracts.Topics;
import dev.stratus.contracts.VmState;
import dev.stratus.platform.idempotency.IdempotencyContext;
import dev.stratus.platform.problem.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Creates and deletes servers: each change of desired state and the event that announces it are written in
 * one transaction (instance row + outbox row), never persist-then-send.
 */
@ApplicationScoped
public class ServerService {
    static final String AGGREGATE = "instance";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    @Inject
    ImageCatalog images;
    @Inject
    Outbox outbox;
    @Inject
    ComputeUsage usage;
    @Inject
    IdempotencyContext idempotency;
    @Inject
    NetworkPorts networkPorts;

    /**
     * Validates the request (400 naming the field), then, in one transaction holding the project's lock: checks the
     * quotas, stores the instance, its request event and, if the request sent an {@code Idempotency-Key} (claimed by
     * the resource's {@code @Idempotent}), the response under that key, so a server never exists without its key.
     */
    public Instance create(String projectId, CreateServer request) {
        if (request == null) {
            throw ApiException.badRequest(null, "a JSON body {\"name\", \"flavor\", \"image\"} is required");
        }
        if (request.name() == null || !NAME.matcher(request.name()).matches()) {
            throw ApiException.badRequest("name", "name must be 1-63 letters, digits, '.', '_' or '-', starting"
                    + " with a letter or digit");
        }
        if (request.flavor() == null || request.flavor().isBlank()) {
            throw ApiException.badRequest("flavor", "flavor is required (an id or name from GET /v1/flavors)");
        }
        if (request.image() == null || request.image().isBlank()) {
            throw ApiException.badRequest("image", "image is required (an id or name from GET /v1/images)");
        }
        Flavor flavor = Flavor.findByIdOrName(request.flavor()).orElseThrow(() -> ApiException.badRequest("flavor",
                "flavor '" + request.flavor() + "' does not exist (see GET /v1/flavors)"));
        ImageCatalog.ResolvedImage image = images.resolve(request.image());
        UUID id = UUID.randomUUID();
        boolean[] bound = {false};
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                usage.lock(projectId);
                usage.reserve(projectId, flavor.vcpus, flavor.ramMb);
                List<PortBinding> ports = networkPorts.bind(id, request.networks());
                bound[0] = true;
                Instance instance = store(id, projectId, request.name(), flavor, image, ports);
                idempotency.completeWithin(202, "/v1/servers/" + instance.id, ServerView.of(instance));
                return instance;
            });
        } catch (RuntimeException e) {
            if (bound[0]) { // the ports were bound but the server was not written (rolled back): release them
                networkPorts.release(id);
            }
            throw e;
        }
    }

    private Instance store(UUID id, String projectId, String name, Flavor flavor, ImageCatalog.ResolvedImage image,
            List<PortBinding> ports) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Instance instance = new Instance();
        instance.id = id;
        instance.projectId = projectId;
        instance.name = name;
        instance.flavorId = flavor.id;
        instance.imageId = image.id();
        instance.vcpus = flavor.vcpus;
        instance.ramMb = flavor.ramMb;
        instance.diskGb = flavor.diskGb;
        instance.desiredState = DesiredState.RUNNING;
        instance.vmState = VmState.BUILDING;
        instance.taskState = TaskState.SCHEDULING;
        instance.createdAt = now;
        instance.updatedAt = now;
        instance.persist();
        UUID eventId = UUID.randomUUID();
        outbox.add(AGGREGATE, instance.id.toString(), Topics.INSTANCE_REQUESTS, eventId,
                new InstanceRequested(eventId.toString(), InstanceRequested.VERSION, instance.id.toString(), projectId,
                        name, flavor.toSpec(), image.ref(), now.toInstant(), ports));
        return instance;
    }

    /**
     * Marks the instance for deletion. One that never reached a host (placement failed) is gone at once;
     * otherwise the delete travels scheduler → agent, and the row disappears when the agent reports DELETED.
     */
    @Transactional
    public Instance delete(String projectId, UUID id) {
        Instance instance = Instance.<Instance>find("id = ?1 and projectId = ?2 and deletedAt is null", id, projectId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .orElseThrow(() -> ApiException.notFound("server", id.toString()));
        InstanceLifecycle.require(instance, InstanceAction.DELETE);
        if (instance.taskState == TaskState.DELETING) {
            return instance;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        instance.desiredState = DesiredState.DELETED;
        if (instance.vmState == VmState.ERROR && instance.host == null) {
            instance.markDeleted(now);
            return instance;
        }
        instance.taskState = TaskState.DELETING;
        instance.updatedAt = now;
        UUID eventId = UUID.randomUUID();
        outbox.add(AGGREGATE, instance.id.toString(), Topics.INSTANCE_REQUESTS, eventId,
                new InstanceDeleteRequested(eventId.toString(), InstanceDeleteRequested.VERSION, instance.id.toString(),
                        projectId, now.toInstant()));
        return instance;
    }
}
