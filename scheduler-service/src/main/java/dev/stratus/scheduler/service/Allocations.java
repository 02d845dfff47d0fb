package dev.stratus.scheduler.service;

import dev.stratus.scheduler.model.Allocation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads of the allocation ledger, and the record of instances whose deletion was requested or that are gone: such an
 * instance is never placed again (a late or re-delivered request).
 */
@ApplicationScoped
public class Allocations {
    private final EntityManager em;
    private final InstanceLocks locks;

    @Inject
    public Allocations(EntityManager em, InstanceLocks locks) {
        this.em = em;
        this.locks = locks;
    }

    @Transactional
    public Optional<Allocation> find(String instanceId) {
        return Optional.ofNullable(em.find(Allocation.class, instanceId));
    }

    @Transactional
    public List<Allocation> list(String host) {
        if (host == null) {
            return em.createQuery("SELECT a FROM Allocation a ORDER BY a.createdAt, a.instanceId", Allocation.class)
                    .getResultList();
        }
        return em.createQuery("SELECT a FROM Allocation a WHERE a.host = :host ORDER BY a.createdAt, a.instanceId",
                Allocation.class).setParameter("host", host).getResultList();
    }

    /**
     * Remembers that the instance is being deleted, so that a late or re-delivered request never places it, and
     * returns its allocation, if it has one: both under the instance's lock, so a claim made concurrently (by
     * another replica) is either seen here or refused.
     */
    @Transactional
    public Optional<Allocation> markDeleted(String instanceId) {
        locks.lock(instanceId);
        remember(instanceId);
        return Optional.ofNullable(em.find(Allocation.class, instanceId));
    }

    /** Records the instance as deleted, within the caller's transaction (which holds its lock). */
    @Transactional(Transactional.TxType.MANDATORY)
    void remember(String instanceId) {
        em.createNativeQuery("INSERT INTO {h-schema}deleted_instance (instance_id, deleted_at) VALUES (:id, :at) "
                + "ON CONFLICT (instance_id) DO NOTHING")
                .setParameter("id", instanceId).setParameter("at", Instant.now()).executeUpdate();
    }

    @Transactional
    public boolean isDeleted(String instanceId) {
        return !em.createNativeQuery("SELECT 1 FROM {h-schema}deleted_instance WHERE instance_id = :id")
                .setParameter("id", instanceId).getResultList().isEmpty();
    }
}
