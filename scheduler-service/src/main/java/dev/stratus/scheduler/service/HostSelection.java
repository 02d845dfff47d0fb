package dev.stratus.scheduler.service;

import dev.stratus.scheduler.filter.AliveFilter;
import dev.stratus.scheduler.config.SchedulerConfig;
import dev.stratus.scheduler.filter.HostFilter;
import dev.stratus.scheduler.model.HostState;
import dev.stratus.scheduler.model.PlacementRequest;
import dev.stratus.scheduler.weigher.HostWeigher;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Chooses a host for a request: the enabled filters in their configured order, then the weighers (Nova's
 * filter scheduler). Pure: it reads nothing and claims nothing, it only decides over a snapshot.
 */
@Singleton
public class HostSelection {

    /** Either a chosen host or the reason, in words a user understands, why there is none. */
    /**
     * @param noHostUp true when it failed because no host reported recently (or none ever did): the hosts may be
     *                 fine and only their reports late (a broker outage), unlike a host that has no room
     */
    public record Selection(HostState host, String failure, boolean noHostUp) {
        public Selection(HostState host, String failure) {
            this(host, failure, false);
        }

        public boolean found() {
            return host != null;
        }
    }

    private final List<HostFilter> filters;
    private final List<HostWeigher> weighers;
    private final int subsetSize;
    private final Random random;

    @Inject
    public HostSelection(Instance<HostFilter> filters, Instance<HostWeigher> weighers, SchedulerConfig config) {
        this(enabled(filters, config.enabledFilters()), weighers.stream().toList(), config.hostSubsetSize(),
                new Random());
    }

    public HostSelection(List<HostFilter> filters, List<HostWeigher> weighers, int subsetSize, Random random) {
        this.filters = List.copyOf(filters);
        this.weighers = List.copyOf(weighers);
        this.subsetSize = Math.max(1, subsetSize);
        this.random = random;
    }

    public List<String> filterNames() {
        return filters.stream().map(HostFilter::name).toList();
    }

    public Selection select(List<HostState> hosts, PlacementRequest req) {
        if (hosts.isEmpty()) {
            return new Selection(null, "no compute host is up (no host has reported to the scheduler yet)", true);
        }
        List<HostState> candidates = hosts;
        for (HostFilter filter : filters) {
            Map<Boolean, List<HostState>> split = candidates.stream()
                    .collect(Collectors.partitioningBy(h -> filter.passes(h, req)));
            if (split.get(true).isEmpty()) {
                return new Selection(null, filter.shortfall(split.get(false), req), filter instanceof AliveFilter);
            }
            candidates = split.get(true);
        }
        List<HostState> ranked = rank(candidates, req);
        int bound = Math.min(subsetSize, ranked.size());
        HostState chosen = ranked.get(bound == 1 ? 0 : random.nextInt(bound));
        return new Selection(chosen, null);
    }

    /** Candidates best first: per weigher, weights normalised to 0..1 and multiplied, then summed. */
    List<HostState> rank(List<HostState> candidates, PlacementRequest req) {
        Map<String, Double> total = new HashMap<>();
        candidates.forEach(h -> total.put(h.name(), 0.0));
        for (HostWeigher weigher : weighers) {
            if (weigher.multiplier() == 0.0) {
                continue;
            }
            double[] raw = candidates.stream().mapToDouble(h -> weigher.weigh(h, req)).toArray();
            double min = Arrays.stream(raw).min().orElse(0);
            double max = Arrays.stream(raw).max().orElse(0);
            for (int i = 0; i < raw.length; i++) {
                double normalised = max == min ? 0.0 : (raw[i] - min) / (max - min);
                total.merge(candidates.get(i).name(), weigher.multiplier() * normalised, Double::sum);
            }
        }
        List<HostState> ranked = new ArrayList<>(candidates);
        ranked.sort(Comparator.comparingDouble((HostState h) -> total.get(h.name())).reversed()
                .thenComparing(HostState::name));
        return ranked;
    }

    private static List<HostFilter> enabled(Instance<HostFilter> available, List<String> names) {
        Map<String, HostFilter> byName = available.stream()
                .collect(Collectors.toMap(HostFilter::name, f -> f));
        List<HostFilter> ordered = new ArrayList<>();
        for (String name : names) {
            HostFilter filter = byName.get(name.trim());
            if (filter == null) {
                throw new IllegalStateException("stratus.scheduler.enabled-filters names unknown filter '" + name
                        + "'; available: " + byName.keySet());
            }
            ordered.add(filter);
        }
        return ordered;
    }
}
