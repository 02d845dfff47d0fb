package dev.stratus.scheduler.service;

import dev.stratus.scheduler.model.Allocation;
import dev.stratus.scheduler.model.HostState;
import dev.stratus.scheduler.model.PlacementRequest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Claims and releases host resources, each in its own transaction, with optimistic concurrency on the host's
 * {@code generation}.
 *
 * <p>A claim is {@code UPDATE host SET used_* = used_* + ?, generation = generation + 1 WHERE name = ? AND
 * generation = ?} plus the insert of the allocation row, in one transaction. If any other claim, release or
 * capacity change touched the host since the snapshot the decision was made on, the update matches no row and
 * the claim is {@link Outcome#STALE}: nothing is written and the caller re-reads and decides again. PostgreSQL
 * serialises the updates on the host row (the second waits for the first, then re-checks the generation), so two
 * placements can never both spend the same capacity. An allocation that already exists for the instance (a
 * duplicate delivery handled concurrently) rolls the claim back as {@link Outcome#ALREADY_ALLOCATED}.
 *
 * <p>A claim and the release of a gone instance both hold the instance's lock ({@link InstanceLocks}): an instance
 * whose deletion was requested, or that is gone, is never claimed for ({@link Outcome#DELETED}), and a release
 * happens once, whichever of the events (on different topics, perhaps on different replicas) comes first.
 */
@ApplicationScoped
public class AllocationClaim {
    private static final Logger LOG = Logger.getLogger(AllocationClaim.class);

    public enum Outcome { CLAIMED, STALE, ALREADY_ALLOCATED, DELETED }

    /** The outcome, and the allocation written when it is {@link Outcome#CLAIMED}. */
    public record Claim(Outcome outcome, Allocation allocation) {
    }

    private final EntityManager em;
    private final InstanceLocks locks;
    private final Allocations allocations;

    @Inject
    public AllocationClaim(EntityManager em, InstanceLocks locks, Allocations allocations) {
        this.em = em;
        this.locks = locks;
        this.allocations = allocations;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Claim claim(HostState host, PlacementRequest req, String projectId) {
        locks.lock(req.instanceId());
        if (allocations.isDeleted(req.instanceId())) {
            return new Claim(Outcome.DELETED, null);
        }
        int updated = em.createQuery("""
                UPDATE Host h SET h.usedVcpus = h.usedVcpus + :vcpus, h.usedRamMb = h.usedRamMb + :ram,
                  h.usedDiskGb = h.usedDiskGb + :disk, h.generation = h.generation + 1
                WHERE h.name = :name AND h.generation = :generation""")
                .setParameter("vcpus", req.vcpus()).setParameter("ram", req.ramMb())
                .setParameter("disk", req.diskGb()).setParameter("name", host.name())
                .setParameter("generation", host.generation())
                .executeUpdate();
        if (updated == 0) {
            LOG.debugf("claim of %s on %s lost: generation %d is stale", req.instanceId(), host.name(),
                    host.generation());
            return new Claim(Outcome.STALE, null);
        }
        Allocation a = new Allocation();
        a.instanceId = req.instanceId();
        a.host = host.name();
        a.projectId = projectId;
        a.vcpus = req.vcpus();
        a.ramMb = req.ramMb();
        a.diskGb = req.diskGb();
        a.placementEventId = UUID.randomUUID().toString();
        a.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS); // as PostgreSQL stores it
        int inserted = em.createNativeQuery("""
                INSERT INTO {h-schema}allocation
                  (instance_id, host, project_id, vcpus, ram_mb, disk_gb, placement_event_id, created_at)
                VALUES (:id, :host, :project, :vcpus, :ram, :disk, :eventId, :createdAt)
                ON CONFLICT (instance_id) DO NOTHING""")
                .setParameter("id", a.instanceId).setParameter("host", a.host).setParameter("project", a.projectId)
                .setParameter("vcpus", a.vcpus).setParameter("ram", a.ramMb).setParameter("disk", a.diskGb)
                .setParameter("eventId", a.placementEventId).setParameter("createdAt", a.createdAt)
                .executeUpdate();
        if (inserted == 0) {
            QuarkusTransaction.setRollbackOnly();
            return new Claim(Outcome.ALREADY_ALLOCATED, null);
        }
        return new Claim(Outcome.CLAIMED, a);
    }

    /**
     * The instance is gone (api-service's {@code InstanceDeleted}): remembers it, so that no late or re-delivered
     * request places it again, and gives its resources back: deletes its allocation, decrements the host's usage and
     * bumps its generation. Whatever host the allocation is on: api-service's word is final. Idempotent: without an
     * allocation nothing is released.
     *
     * @return the released allocation, if there was one
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Allocation> releaseGone(String instanceId) {
        locks.lock(instanceId);
        allocations.remember(instanceId);
        Allocation a = em.find(Allocation.class, instanceId, LockModeType.PESSIMISTIC_WRITE);
        if (a == null) {
            return Optional.empty();
        }
        em.createQuery("""
                UPDATE Host h SET h.usedVcpus = h.usedVcpus - :vcpus, h.usedRamMb = h.usedRamMb - :ram,
                  h.usedDiskGb = h.usedDiskGb - :disk, h.generation = h.generation + 1
                WHERE h.name = :name""")
                .setParameter("vcpus", a.vcpus).setParameter("ram", a.ramMb).setParameter("disk", a.diskGb)
                .setParameter("name", a.host)
                .executeUpdate();
        em.remove(a);
        return Optional.of(a);
    }
}
