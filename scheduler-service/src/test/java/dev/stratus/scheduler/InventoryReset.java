package dev.stratus.scheduler;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Test-only: makes every host known so far look long dead, so that a test's placements can only land on the
 * hosts that test reports (a later report revives a host, as in production).
 */
@ApplicationScoped
public class InventoryReset {
    @Inject
    EntityManager em;

    @Transactional
    public void retireAllHosts() {
        em.createNativeQuery("UPDATE {h-schema}host SET last_seen = TIMESTAMPTZ '2000-01-01 00:00:00Z'")
                .executeUpdate();
    }
}
