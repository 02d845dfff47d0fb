package dev.stratus.api.service;

import dev.stratus.api.lifecycle.Actor;
import dev.stratus.api.lifecycle.Command;
import dev.stratus.api.lifecycle.InstanceLifecycle;
import dev.stratus.api.model.Flavor;
import dev.stratus.api.model.Instance;
import dev.stratus.api.model.InstancePort;
import dev.stratus.api.model.InstanceSecurityGroup;
import dev.stratus.api.model.InstanceTag;
import dev.stratus.api.model.ShutdownBehavior;
import dev.stratus.api.quota.ComputeUsage;
import dev.stratus.api.rest.ServerView;
import dev.stratus.contracts.GuestIdentity;
import dev.stratus.contracts.InstanceRequested;
import dev.stratus.contracts.PortBinding;
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
 * Creates servers and applies commands to them: each change (decided by {@link InstanceLifecycle}) and the event
 * that announces it are written in one transaction (instance row + outbox row), never persist-then-send.
 */
@ApplicationScoped
public class ServerService {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    @Inject
    ServerImages images;
    @Inject
    ComputeUsage usage;
    @Inject
    IdempotencyContext idempotency;
    @Inject
    NetworkPorts networkPorts;
    @Inject
    InstanceLifecycle lifecycle;
    @Inject
    ServerLifetimes lifetimes;
    @Inject
    ServerSecurityGroups securityGroups;

    /**
     * Validates the request (400 naming the field; the security groups are resolved before any port is made), then, in
     * one transaction holding the project's lock: checks the quotas, stores the instance, its request event and, if
     * the request sent an {@code Idempotency-Key} (claimed by the resource's {@code @Idempotent}), the response under
     * that key, so a server never exists without its key.
     */
    public Instance create(String projectId, CreateServer request, Actor actor) {
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
        shutdownBehavior(request);
        ServerDetails.description(request.description());
        ServerDetails.metadata(request.metadata() == null ? java.util.Map.of() : request.metadata());
        ServerDetails.tags(request.tags() == null ? List.of() : request.tags());
        UUID id = UUID.randomUUID();
        GuestIdentity identity = GuestIdentities.of(id, projectId, request,
                request.metadata() == null ? java.util.Map.of() : request.metadata());
        OffsetDateTime expiresAt = QuarkusTransaction.requiringNew().call(() -> lifetimes.forCreate(projectId,
                request.ttlSeconds(), request.expiresAt(), OffsetDateTime.now(ZoneOffset.UTC)));
        ServerImages.ResolvedImage image = images.resolve(request.image());
        List<InstanceSecurityGroup> groups = securityGroups.resolve(request.securityGroups());
        // the ports first, outside the project's lock (a slow network-service never holds up the project's other
        // creates); released again if the server is not written after all
        NetworkPorts.BoundPorts bound = networkPorts.bind(id, request.networks(), groups);
        List<PortBinding> ports = bound.bindings();
        try {
            List<InstancePort> described = networkPorts.describe(ports);
            List<InstanceSecurityGroup> portGroups = securityGroups.describe(bound.securityGroupIds(), groups);
            return QuarkusTransaction.requiringNew().call(() -> {
                usage.lock(projectId);
                usage.reserve(projectId, flavor.vcpus, flavor.ramMb);
                Instance instance = store(id, projectId, request, flavor, image, ports, identity, actor);
                instance.ports = described;
                instance.securityGroups = portGroups;
                instance.expiresAt = expiresAt;
                if (request.tags() != null) {
                    InstanceTag.replace(id, request.tags());
                }
                idempotency.completeWithin(202, "/v1/servers/" + instance.id, ServerView.of(instance));
                return instance;
            });
        } catch (RuntimeException e) {
            if (!ports.isEmpty()) {
                networkPorts.release(id);
            }
            throw e;
        }
    }

    private Instance store(UUID id, String projectId, CreateServer request, Flavor flavor,
            ServerImages.ResolvedImage image, List<PortBinding> ports, GuestIdentity identity, Actor actor) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Instance instance = new Instance();
        instance.id = id;
        instance.projectId = projectId;
        instance.name = request.name();
        instance.flavorId = flavor.id;
        instance.imageId = image.id();
        instance.vcpus = flavor.vcpus;
        instance.ramMb = flavor.ramMb;
        instance.diskGb = flavor.diskGb;
        instance.shutdownBehavior = shutdownBehavior(request);
        instance.description = request.description();
        instance.metadata = request.metadata() == null ? new java.util.TreeMap<>()
                : new java.util.TreeMap<>(request.metadata());
        instance.hostname = identity.hostname();
        instance.keyName = identity.keyName();
        instance.publicKey = identity.publicKey();
        instance.userData = identity.userData();
        instance.configDrive = identity.configDrive();
        lifecycle.create(instance, new InstanceRequested(UUID.randomUUID().toString(), InstanceRequested.VERSION,
                id.toString(), projectId, request.name(), flavor.toSpec(), image.ref(), now.toInstant(), ports,
                identity), actor);
        return instance;
    }

    private static ShutdownBehavior shutdownBehavior(CreateServer request) {
        if (request.shutdownBehavior() == null) {
            return ShutdownBehavior.STOP;
        }
        ShutdownBehavior behavior = ShutdownBehavior.ofApiName(request.shutdownBehavior());
        if (behavior == null) {
            throw ApiException.badRequest("shutdown_behavior", "shutdown_behavior is 'stop' (the default: the server"
                    + " stays, STOPPED, when its guest powers off) or 'delete' (it is deleted)");
        }
        return behavior;
    }

    /**
     * Applies a user's command (delete, stop, start, resize, ...) to the project's server; 404 if it has none such.
     * A resize holds the project's lock (as a create does) and is refused with the quota's 409 if the larger flavor
     * does not fit.
     */
    @Transactional
    public Instance apply(String projectId, UUID id, Command command, Actor actor) {
        if (command instanceof Command.Resize) {
            usage.lock(projectId); // before the instance's row: the order a create takes them in
        }
        Instance instance = Instance.<Instance>find("id = ?1 and projectId = ?2 and deletedAt is null", id, projectId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .orElseThrow(() -> ApiException.notFound("server", id.toString()));
        lifecycle.apply(instance, command, actor);
        if (command instanceof Command.Resize && instance.resizeFromFlavorId != null) {
            usage.checkGrowth(projectId, instance.vcpus > instance.resizeFromVcpus,
                    instance.ramMb > instance.resizeFromRamMb);
        }
        return instance;
    }

    /**
     * A JSON merge patch of the server: {@code name}; {@code expires_at} (a time, or null to clear it) or
     * {@code ttl_seconds} (from now). Other members are a 400; nothing changes unless all of it is valid.
     */
    @Transactional
    public Instance update(String projectId, UUID id, ServerPatch patch) {
        Instance instance = Instance.<Instance>find("id = ?1 and projectId = ?2 and deletedAt is null", id, projectId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .orElseThrow(() -> ApiException.notFound("server", id.toString()));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (patch.name() != null && !NAME.matcher(patch.name()).matches()) {
            throw ApiException.badRequest("name", "name must be 1-63 letters, digits, '.', '_' or '-', starting"
                    + " with a letter or digit");
        }
        if (patch.changesExpiry()) {
            instance.expiresAt = lifetimes.forChange(instance, patch.clearsExpiry(), patch.ttlSeconds(),
                    patch.expiresAt(), now);
        }
        if (patch.name() != null) {
            instance.name = patch.name();
        }
        if (patch.changesDescription()) {
            instance.description = ServerDetails.description(patch.description());
        }
        if (patch.metadata() != null) {
            java.util.Map<String, String> merged = new java.util.TreeMap<>(instance.metadata);
            patch.metadata().forEach((key, value) -> {
                if (value == null) {
                    merged.remove(key);
                } else {
                    merged.put(key, value);
                }
            });
            instance.metadata = ServerDetails.metadata(merged);
        }
        if (patch.tags() != null) {
            InstanceTag.replace(instance.id, ServerDetails.tags(patch.tags()));
        }
        instance.updatedAt = now;
        return instance;
    }
}
