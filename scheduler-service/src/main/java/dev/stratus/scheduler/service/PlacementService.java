package dev.stratus.scheduler.service;

import dev.stratus.contracts.InstanceDeleteRequested;
import dev.stratus.contracts.InstanceDeleted;
import dev.stratus.contracts.InstanceRequested;
import dev.stratus.contracts.InstanceResizeRequested;
import dev.stratus.contracts.InstanceResizeSettled;
import dev.stratus.scheduler.config.SchedulerConfig;
import dev.stratus.scheduler.events.PlacementPublisher;
import dev.stratus.scheduler.model.Allocation;
import dev.stratus.scheduler.model.HostState;
import dev.stratus.scheduler.model.PlacementRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Places instances on hosts, forwards deletes to the host that holds an instance, and gives resources back when
 * api-service says the instance is gone ({@code InstanceDeleted}). Every method is idempotent: Kafka delivers at
 * least once.
 *
 * <p><b>Gone is api-service's decision.</b> The scheduler no longer reads the agents' statuses: api-service decides
 * once, in its one state machine, that an instance is gone (its host reported it deleted, or it never reached one)
 * and says so on {@code stratus.instance-lifecycle}. That event comes on another topic than the requests, so it may
 * overtake them: it is remembered like a requested delete, and a claim and a release take the instance's lock
 * ({@link InstanceLocks}), so the resources come back exactly once and a late request claims nothing.
 *
 * <p><b>Claim first, then publish.</b> A placement is decided and claimed in a database transaction (see
 * {@link AllocationClaim}); only after it committed is {@code InstancePlaced} published. The allocation row is the
 * durable record of the decision; it is not an outbox, and none is needed: if the service dies between the
 * commit and the publish, the request's offset was not committed, Kafka re-delivers it, and the re-delivered
 * request finds the allocation and re-publishes the same placement (same host, same event id) without claiming
 * anything new. A request whose instance already has an allocation is always answered this way. The cost is that
 * a placement may be published more than once; its consumers dedupe by event id or instance id.
 *
 * <p>A placement that cannot be made is answered with {@code InstancePlacementFailed} and a reason naming the
 * resource that is short; a claim that keeps losing races gives up after {@code max-claim-attempts}. Neither
 * waits for capacity to appear: the answer always comes within one pass.
 */
@ApplicationScoped
public class PlacementService {
    private static final Logger LOG = Logger.getLogger(PlacementService.class);

    private final HostInventory inventory;
    private final HostSelection selection;
    private final AllocationClaim claims;
    private final Allocations allocations;
    private final PlacementPublisher publisher;
    private final int maxAttempts;

    @Inject
    private final SilentHosts silence;
    @Inject
    ResizeClaim resizes;

    public PlacementService(HostInventory inventory, HostSelection selection, AllocationClaim claims,
            Allocations allocations, PlacementPublisher publisher, SchedulerConfig config) {
        this.inventory = inventory;
        this.selection = selection;
        this.claims = claims;
        this.allocations = allocations;
        this.publisher = publisher;
        this.maxAttempts = Math.max(1, config.maxClaimAttempts());
        this.silence = new SilentHosts(config.noHostWait());
    }

    public void place(InstanceRequested request) {
        if (allocations.isDeleted(request.instanceId())) {
            LOG.infof("not placing %s: its deletion was already requested", request.instanceId());
            return;
        }
        if (republishExisting(request)) {
            return;
        }
        PlacementRequest req = PlacementRequest.of(request);
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            HostSelection.Selection choice = selection.select(inventory.snapshot(), req);
            if (!choice.found() && choice.noHostUp() && silence.keepWaiting(request.instanceId())) {
                throw new HostsSilent(request.instanceId(), choice.failure()); // retried by the event loop
            }
            silence.done(request.instanceId());
            if (!choice.found()) {
                LOG.infof("cannot place %s: %s", request.instanceId(), choice.failure());
                publisher.failed(request, choice.failure());
                return;
            }
            HostState host = choice.host();
            AllocationClaim.Claim claim = claims.claim(host, req, request.projectId());
            switch (claim.outcome()) {
                case CLAIMED -> {
                    LOG.infof("placed %s on %s (attempt %d)", request.instanceId(), host.name(), attempt);
                    publisher.placed(request, claim.allocation(), host.agentUrl());
                    return;
                }
                case ALREADY_ALLOCATED -> {
                    if (republishExisting(request)) {
                        return;
                    }
                }
                case DELETED -> {
                    LOG.infof("not placing %s: it was deleted meanwhile", request.instanceId());
                    return;
                }
                case STALE -> backOff(attempt);
            }
        }
        String reason = "the scheduler could not claim resources for flavor " + req.flavor() + " after "
                + maxAttempts + " attempts because other placements kept taking the chosen hosts first; retry later";
        LOG.warnf("cannot place %s: %s", request.instanceId(), reason);
        publisher.failed(request, reason);
    }

    /**
     * Forwards a delete to the agent of the host holding the instance; without an allocation there is nothing to
     * remove. The resources stay claimed until the instance is gone ({@link #onDeleted}).
     */
    public void forwardDelete(InstanceDeleteRequested request) {
        allocations.markDeleted(request.instanceId()).ifPresentOrElse(a -> {
            LOG.infof("asking %s to remove %s", a.host, request.instanceId());
            publisher.remove(request, a);
        }, () -> LOG.infof("delete of %s: no allocation, nothing to remove", request.instanceId()));
    }

    /** The instance is gone: its resources are given back (once; a repeat finds no allocation). */
    public void onDeleted(InstanceDeleted deleted) {
        claims.releaseGone(deleted.instanceId()).ifPresent(a -> LOG.infof(
                "released %s on %s (%d vCPU, %d MiB, %d GiB)", a.instanceId, a.host, a.vcpus, a.ramMb, a.diskGb));
    }

    /**
     * Claims the larger size of a resize on the instance's host and answers the agent and api-service
     * ({@code InstanceResizeClaimed}), or api-service alone ({@code InstanceResizeRefused}, nothing changed). A
     * redelivered request publishes the same answer again without claiming anything more.
     */
    public void resize(InstanceResizeRequested request) {
        ResizeClaim.Outcome outcome = resizes.claim(request);
        switch (outcome.kind()) {
            case CLAIMED, ALREADY_CLAIMED -> {
                LOG.infof("resize %s of %s on %s: claimed %d vCPU, %d MiB, %d GiB", request.reference(),
                        request.instanceId(), outcome.allocation().host, outcome.allocation().vcpus,
                        outcome.allocation().ramMb, outcome.allocation().diskGb);
                publisher.resizeClaimed(request, outcome.allocation());
            }
            case REFUSED, GONE -> {
                LOG.infof("resize %s of %s refused: %s", request.reference(), request.instanceId(), outcome.reason());
                publisher.resizeRefused(request, outcome.reason());
            }
        }
    }

    /** A resize is settled: its allocation keeps the size that stays (once; a repeat changes nothing). */
    public void onResizeSettled(InstanceResizeSettled settled) {
        if (resizes.settle(settled)) {
            LOG.infof("resize %s of %s settled (%s): %s stays", settled.reference(), settled.instanceId(),
                    settled.outcome(), settled.flavor().id());
        }
    }

    private boolean republishExisting(InstanceRequested request) {
        Optional<Allocation> existing = allocations.find(request.instanceId());
        if (existing.isEmpty()) {
            return false;
        }
        Allocation a = existing.get();
        String agentUrl = inventory.find(a.host).map(HostState::agentUrl).orElse(null);
        LOG.infof("%s already placed on %s: publishing that placement again", request.instanceId(), a.host);
        publisher.placed(request, a, agentUrl);
        return true;
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * attempt + 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
