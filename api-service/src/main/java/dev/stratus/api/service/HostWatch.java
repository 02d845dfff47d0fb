package dev.stratus.api.service;

import dev.stratus.api.config.ApiConfig;
import dev.stratus.api.lifecycle.InstanceObservations;
import dev.stratus.api.model.Instance;
import dev.stratus.contracts.HostReport;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Whether each compute host is heard from: every {@link HostReport} renews the host's {@code last_report_at}; a host
 * silent for {@code stratus.api.host-down-after} is lost, and its servers show UNKNOWN (vm_state kept) until a report
 * comes again. Kept in the database ({@code host_liveness}, rows taken with {@code SKIP LOCKED}), so restarts and
 * replicas agree. Nothing is rebuilt elsewhere: that is an admin's evacuate.
 */
@ApplicationScoped
public class HostWatch {
    private static final Logger LOG = Logger.getLogger(HostWatch.class);

    @Inject
    ApiConfig config;
    @Inject
    EntityManager em;
    @Inject
    InstanceObservations observations;

    private PeriodicJob job;

    void start(@Observes StartupEvent event) {
        // a third of the allowed silence, between 0.2 and 5 s
        Duration period = Duration.ofMillis(Math.max(200, Math.min(5_000, config.hostDownAfter().toMillis() / 3)));
        job = PeriodicJob.start("host-watch", period, this::sweep);
    }

    void stop(@Observes ShutdownEvent event) {
        if (job != null) {
            job.stop();
        }
    }

    /** A report from a host: it is alive (unless the report is older than the silence allowed, e.g. a replay). */
    @Transactional
    public void reported(HostReport report) {
        OffsetDateTime now = now();
        OffsetDateTime at = report.reportedAt() == null ? now
                : OffsetDateTime.ofInstant(report.reportedAt(), ZoneOffset.UTC);
        if (at.isAfter(now)) {
            at = now; // another host's clock runs ahead
        }
        if (at.isBefore(now.minus(config.hostDownAfter()))) {
            return;
        }
        em.createNativeQuery("INSERT INTO api.host_liveness (host, last_report_at) VALUES (?1, ?2)"
                        + " ON CONFLICT (host) DO UPDATE SET last_report_at ="
                        + " GREATEST(host_liveness.last_report_at, EXCLUDED.last_report_at), lost_at = NULL")
                .setParameter(1, report.host()).setParameter(2, at).executeUpdate();
        for (Instance instance : Instance.<Instance>list("host = ?1 and deletedAt is null and hostLostAt is not null",
                report.host())) {
            em.lock(instance, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            observations.hostBack(instance);
        }
    }

    /** Marks hosts silent for too long as lost, with their servers; returns how many hosts it marked. */
    public int sweep() {
        try {
            return QuarkusTransaction.requiringNew().call(this::markLost);
        } catch (RuntimeException e) {
            LOG.warnf("checking host liveness failed: %s", e.toString());
            return 0;
        }
    }

    private int markLost() {
        OffsetDateTime cutoff = now().minus(config.hostDownAfter());
        @SuppressWarnings("unchecked")
        List<Object[]> silent = em.createNativeQuery("SELECT host, last_report_at FROM api.host_liveness"
                        + " WHERE lost_at IS NULL AND last_report_at < ?1 FOR UPDATE SKIP LOCKED")
                .setParameter(1, cutoff).getResultList();
        for (Object[] row : silent) {
            String host = (String) row[0];
            OffsetDateTime last = toOffset(row[1]);
            LOG.warnf("host %s has not reported since %s (%s allowed): its servers are UNKNOWN", host, last,
                    config.hostDownAfter());
            em.createNativeQuery("UPDATE api.host_liveness SET lost_at = now() WHERE host = ?1")
                    .setParameter(1, host).executeUpdate();
            for (Instance instance : Instance.liveOnHost(host)) {
                em.lock(instance, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
                observations.hostLost(instance, last);
            }
        }
        return silent.size();
    }

    private static OffsetDateTime toOffset(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt;
        }
        if (value instanceof java.time.Instant instant) {
            return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp ts) {
            return OffsetDateTime.ofInstant(ts.toInstant(), ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(value.toString());
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
