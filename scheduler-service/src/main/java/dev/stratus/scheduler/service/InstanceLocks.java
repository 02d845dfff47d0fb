package dev.stratus.scheduler.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * One lock per instance id, held until the current transaction ends (a PostgreSQL transaction-level advisory lock).
 * A claim, the record of a requested delete and the release of a gone instance each take it first, so they never
 * interleave even when different scheduler replicas handle them (the events come on different topics): a claim
 * either commits before the instance is known gone (and the release then finds its allocation) or sees it gone and
 * claims nothing. A lock taken in this order (instance, then host row) cannot deadlock with another.
 */
@ApplicationScoped
public class InstanceLocks {
    /** Separates these locks from other users of advisory locks in the same database. */
    private static final int NAMESPACE = 0x5c4ed;

    private final EntityManager em;

    @Inject
    public InstanceLocks(EntityManager em) {
        this.em = em;
    }

    /** Waits for, then holds until commit or rollback, the lock of {@code instanceId}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(String instanceId) {
        em.createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:ns, hashtext(:id))) AS locked")
                .setParameter("ns", NAMESPACE).setParameter("id", instanceId).getSingleResult();
    }
}
