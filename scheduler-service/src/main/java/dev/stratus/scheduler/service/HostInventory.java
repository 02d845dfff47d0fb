package dev.stratus.scheduler.service;

import dev.stratus.contracts.HostReport;
import dev.stratus.scheduler.config.SchedulerConfig;
import dev.stratus.scheduler.model.AllocationRatios;
import dev.stratus.scheduler.model.Host;
import dev.stratus.scheduler.model.HostState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The compute hosts the scheduler knows, fed by the agents' {@link HostReport}s. A report updates totals, agent
 * URL and last-seen time, never the usage (only claims and releases change that), and bumps the generation only
 * when the totals or the agent URL changed, so that claims computed on the old totals retry.
 */
@ApplicationScoped
public class HostInventory {
    private static final String UPSERT = """
            INSERT INTO {h-schema}host AS h (name, agent_url, virt_type, vcpus, ram_mb, disk_gb, last_seen)
            VALUES (:name, :agentUrl, :virtType, :vcpus, :ramMb, :diskGb, :lastSeen)
            ON CONFLICT (name) DO UPDATE SET
              generation = CASE WHEN (h.agent_url, h.vcpus, h.ram_mb, h.disk_gb)
                                     IS DISTINCT FROM (EXCLUDED.agent_url, EXCLUDED.vcpus, EXCLUDED.ram_mb, EXCLUDED.disk_gb)
                                THEN h.generation + 1 ELSE h.generation END,
              agent_url = EXCLUDED.agent_url, virt_type = EXCLUDED.virt_type, vcpus = EXCLUDED.vcpus,
              ram_mb = EXCLUDED.ram_mb, disk_gb = EXCLUDED.disk_gb,
              last_seen = GREATEST(h.last_seen, EXCLUDED.last_seen)
            """;

    private final EntityManager em;
    private final AllocationRatios ratios;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public HostInventory(EntityManager em, SchedulerConfig config) {
        this.em = em;
        this.ratios = new AllocationRatios(config.cpuAllocationRatio(), config.ramAllocationRatio(),
                config.diskAllocationRatio(), config.reservedHostRamMb());
    }

    /**
     * Records a report. The host counts as seen at the report's time, but never later than now (an agent whose
     * clock runs ahead cannot keep a dead host alive) and never earlier than an already recorded report.
     */
    @Transactional
    public void record(HostReport report) {
        Instant now = clock.instant();
        Instant seen = report.reportedAt() == null || report.reportedAt().isAfter(now) ? now : report.reportedAt();
        em.createNativeQuery(UPSERT)
                .setParameter("name", report.host())
                .setParameter("agentUrl", report.agentUrl())
                .setParameter("virtType", report.virtType())
                .setParameter("vcpus", report.vcpus())
                .setParameter("ramMb", report.ramMb())
                .setParameter("diskGb", report.diskGb())
                .setParameter("lastSeen", seen)
                .executeUpdate();
    }

    /** Every known host, alive or not, with its limits after the allocation ratios. */
    @Transactional
    public List<HostState> snapshot() {
        return em.createQuery("SELECT h FROM Host h ORDER BY h.name", Host.class).getResultList().stream()
                .map(h -> HostState.of(h, ratios)).toList();
    }

    @Transactional
    public Optional<HostState> find(String name) {
        return Optional.ofNullable(em.find(Host.class, name)).map(h -> HostState.of(h, ratios));
    }
}
