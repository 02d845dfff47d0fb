package dev.stratus.scheduler.service;

import dev.stratus.contracts.FlavorSpec;
import dev.stratus.contracts.InstanceResizeRequested;
import dev.stratus.contracts.InstanceResizeSettled;
import dev.stratus.scheduler.model.Allocation;
import dev.stratus.scheduler.model.Host;
import dev.stratus.scheduler.model.HostState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;

/**
 * The resources of a resize, on the instance's own host. While a resize is not settled its allocation holds the
 * larger of the old and the new size in each of vCPUs, RAM and disk (the host runs one or the other, and keeps the
 * old disk for a revert); when it is settled the allocation becomes the size that stays. Each change runs in its own
 * transaction under the instance's lock ({@link InstanceLocks}, as claims and releases) and the host's row lock, and
 * bumps the host's generation, so concurrent placements on the host re-decide on fresh numbers.
 */
@ApplicationScoped
public class ResizeClaim {
    /** {@code reason} says what is short when the outcome is {@code REFUSED}. */
    public record Outcome(Kind kind, Allocation allocation, String reason) {
        public enum Kind { CLAIMED, ALREADY_CLAIMED, REFUSED, GONE }
    }

    private final EntityManager em;
    private final InstanceLocks locks;
    private final Allocations allocations;
    private final HostInventory inventory;

    @Inject
    public ResizeClaim(EntityManager em, InstanceLocks locks, Allocations allocations, HostInventory inventory) {
        this.em = em;
        this.locks = locks;
        this.allocations = allocations;
        this.inventory = inventory;
    }

    /** Claims the larger size for the resize on the instance's host, or says why not. Idempotent by reference. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Outcome claim(InstanceResizeRequested request) {
        locks.lock(request.instanceId());
        Allocation a = em.find(Allocation.class, request.instanceId(), LockModeType.PESSIMISTIC_WRITE);
        if (a == null || allocations.isDeleted(request.instanceId())) {
            return new Outcome(Outcome.Kind.GONE, a, "server " + request.instanceId()
                    + " holds no resources on a host (it is deleted or was never placed)");
        }
        if (request.reference().equals(a.resizeReference)) {
            return new Outcome(Outcome.Kind.ALREADY_CLAIMED, a, null);
        }
        FlavorSpec to = request.to();
        int vcpus = Math.max(a.vcpus, to.vcpus());
        long ramMb = Math.max(a.ramMb, to.ramMb());
        long diskGb = Math.max(a.diskGb, to.diskGb());
        em.find(Host.class, a.host, LockModeType.PESSIMISTIC_WRITE);
        HostState host = inventory.find(a.host).orElseThrow();
        String shortOf = shortOf(host, vcpus - a.vcpus, ramMb - a.ramMb, diskGb - a.diskGb);
        if (shortOf != null) {
            return new Outcome(Outcome.Kind.REFUSED, a, "host " + a.host + " cannot take flavor " + to.id()
                    + " next to what it runs: " + shortOf);
        }
        move(a, vcpus, ramMb, diskGb);
        a.resizeReference = request.reference();
        return new Outcome(Outcome.Kind.CLAIMED, a, null);
    }

    /**
     * The resize is settled: the allocation becomes {@code flavor}'s size (the one that stays). Only for the resize
     * the allocation holds; a repeat, or an event of an older resize, changes nothing.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean settle(InstanceResizeSettled settled) {
        locks.lock(settled.instanceId());
        Allocation a = em.find(Allocation.class, settled.instanceId(), LockModeType.PESSIMISTIC_WRITE);
        if (a == null || a.resizeReference == null || !a.resizeReference.equals(settled.reference())) {
            return false;
        }
        em.find(Host.class, a.host, LockModeType.PESSIMISTIC_WRITE);
        FlavorSpec stays = settled.flavor();
        move(a, stays.vcpus(), stays.ramMb(), stays.diskGb());
        a.resizeReference = null;
        return true;
    }

    private void move(Allocation a, int vcpus, long ramMb, long diskGb) {
        em.createQuery("""
                UPDATE Host h SET h.usedVcpus = h.usedVcpus + :vcpus, h.usedRamMb = h.usedRamMb + :ram,
                  h.usedDiskGb = h.usedDiskGb + :disk, h.generation = h.generation + 1
                WHERE h.name = :name""")
                .setParameter("vcpus", vcpus - a.vcpus).setParameter("ram", ramMb - a.ramMb)
                .setParameter("disk", diskGb - a.diskGb).setParameter("name", a.host)
                .executeUpdate();
        a.vcpus = vcpus;
        a.ramMb = ramMb;
        a.diskGb = diskGb;
    }

    /** What the host lacks for the growth (only what grows is checked: an overcommitted host may still shrink). */
    private static String shortOf(HostState host, long moreVcpus, long moreRamMb, long moreDiskGb) {
        List<String> lacks = new ArrayList<>();
        if (moreVcpus > 0 && moreVcpus > host.freeVcpus()) {
            lacks.add(moreVcpus + " more vCPUs needed, " + Math.max(0, host.freeVcpus()) + " free");
        }
        if (moreRamMb > 0 && moreRamMb > host.freeRamMb()) {
            lacks.add(moreRamMb + " MiB more RAM needed, " + Math.max(0, host.freeRamMb()) + " MiB free");
        }
        if (moreDiskGb > 0 && moreDiskGb > host.freeDiskGb()) {
            lacks.add(moreDiskGb + " GiB more disk needed, " + Math.max(0, host.freeDiskGb()) + " GiB free");
        }
        return lacks.isEmpty() ? null : String.join("; ", lacks);
    }
}
