package dev.stratus.scheduler.filter;

import dev.stratus.scheduler.config.SchedulerConfig;
import dev.stratus.scheduler.model.HostState;
import dev.stratus.scheduler.model.PlacementRequest;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Passes hosts whose agent reported within {@code stratus.scheduler.host-timeout} (Nova's ComputeFilter). */
@Singleton
public class AliveFilter implements HostFilter {
    private final Duration timeout;
    private final Clock clock;

    @Inject
    public AliveFilter(SchedulerConfig config) {
        this(config.hostTimeout(), Clock.systemUTC());
    }

    public AliveFilter(Duration timeout, Clock clock) {
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public boolean passes(HostState host, PlacementRequest req) {
        return isAlive(host.lastSeen());
    }

    public boolean isAlive(Instant lastSeen) {
        return lastSeen != null && !lastSeen.isBefore(clock.instant().minus(timeout));
    }

    @Override
    public String name() {
        return "alive";
    }

    @Override
    public String shortfall(List<HostState> rejected, PlacementRequest req) {
        HostState latest = rejected.stream().filter(h -> h.lastSeen() != null)
                .max(Comparator.comparing(HostState::lastSeen)).orElse(null);
        if (latest == null) {
            return "no compute host is up";
        }
        long ago = Duration.between(latest.lastSeen(), clock.instant()).toSeconds();
        return "no compute host is up (the last report came from " + latest.name() + " " + ago
                + " s ago; a host counts as down after " + timeout.toSeconds() + " s without a report)";
    }
}
