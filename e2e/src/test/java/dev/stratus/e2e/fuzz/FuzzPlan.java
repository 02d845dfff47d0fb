package dev.stratus.e2e.fuzz;

import dev.stratus.e2e.fuzz.FuzzCase.Category;
import dev.stratus.e2e.fuzz.FuzzCase.Target;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The requests of one run, decided by the documents and the seed alone (the same seed gives the same requests): per
 * operation its essential cases and a seeded sample of the others, so that each service gets about
 * {@code perService} requests (at least {@code minPerOperation} per operation where it has that many), then a
 * service's size-limit cases. Each operation draws from its own generator (seed and operation), so adding a route
 * changes no other route's requests.
 */
public final class FuzzPlan {
    /** Services in the order they are fuzzed: api-service last, its server fixture settled by then. */
    static final List<String> ORDER = List.of("scheduler-service", "image-service", "network-service", "api-service");

    private final long seed;
    private final Map<ApiOperation, List<FuzzCase>> cases;

    private FuzzPlan(long seed, Map<ApiOperation, List<FuzzCase>> cases) {
        this.seed = seed;
        this.cases = cases;
    }

    public static FuzzPlan build(List<ApiOperation> operations, long seed, int perService, int minPerOperation) {
        Map<ApiOperation, List<FuzzCase>> cases = new LinkedHashMap<>();
        for (String service : services(operations)) {
            List<ApiOperation> ops = operations.stream().filter(o -> o.service().equals(service)).toList();
            int perOperation = Math.max(minPerOperation, (int) Math.ceil(perService / (double) ops.size()));
            for (ApiOperation op : ops) {
                Random rnd = new Random(seed * 31 + op.key().hashCode());
                CaseCatalog.Candidates candidates = CaseCatalog.of(op, rnd);
                List<FuzzCase> chosen = new ArrayList<>(candidates.essential());
                List<FuzzCase> others = new ArrayList<>(candidates.others());
                Collections.shuffle(others, rnd);
                chosen.addAll(others.subList(0, Math.max(0, Math.min(others.size(), perOperation - chosen.size()))));
                cases.put(op, chosen);
            }
            limits(ops).forEach(c -> cases.computeIfAbsent(c.operation(), o -> new ArrayList<>()).add(c));
        }
        return new FuzzPlan(seed, cases);
    }

    /** The services of the operations, in {@link #ORDER} (others after, by name). */
    static List<String> services(List<ApiOperation> operations) {
        List<String> services = new ArrayList<>(operations.stream().map(ApiOperation::service).distinct().sorted()
                .toList());
        services.sort(java.util.Comparator.comparing(s -> ORDER.contains(s) ? ORDER.indexOf(s) : ORDER.size()));
        return services;
    }

    /**
     * A service's own limits, sent to its own port: a 5,000-character id (414), a 20,000-character header (431),
     * an 11 MiB body (413).
     */
    private static List<FuzzCase> limits(List<ApiOperation> ops) {
        List<FuzzCase> out = new ArrayList<>();
        ops.stream().filter(o -> o.method().equals("GET") && o.path().matches(".*/\\{[^}]+}$")
                && !o.path().startsWith("/internal/")).findFirst().ifPresent(op -> {
            String param = op.params("path").get(op.params("path").size() - 1).name();
            out.add(new FuzzCase(op, Category.LIMITS, param + ": 5,000 characters (414)", CaseCatalog.callerOf(op),
                    Target.OWN, Map.of(param, "x".repeat(5_000)), null, Map.of(), null, null));
        });
        ops.stream().filter(o -> o.method().equals("GET") && !o.path().contains("{")
                && !o.path().startsWith("/internal/")).findFirst().ifPresent(op ->
                out.add(new FuzzCase(op, Category.LIMITS, "a 20,000-character header (431)", CaseCatalog.callerOf(op),
                        Target.OWN, Map.of(), null, Map.of("X-Fuzz-Padding", "p".repeat(20_000)), null, null)));
        ops.stream().filter(o -> o.method().equals("POST") && o.hasJsonBody() && !o.path().contains("{")
                && CaseCatalog.callerOf(o) != FuzzCase.Caller.NONE).findFirst().ifPresent(op -> {
            byte[] body = ("{\"name\":\"" + "A".repeat(11 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.US_ASCII);
            out.add(new FuzzCase(op, Category.LIMITS, "an 11 MiB body (413)", CaseCatalog.callerOf(op), Target.OWN,
                    Map.of(), null, Map.of(), CaseCatalog.JSON, body));
        });
        return out;
    }

    public long seed() {
        return seed;
    }

    /** Operation → its requests, services in {@link #ORDER}, operations by path and method. */
    public Map<ApiOperation, List<FuzzCase>> cases() {
        return Collections.unmodifiableMap(cases);
    }

    public int size() {
        return cases.values().stream().mapToInt(List::size).sum();
    }

    /** One line per request: what makes two plans the same. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        cases.forEach((op, list) -> list.forEach(c -> lines.add(op.service() + " | " + c.describe())));
        return lines;
    }
}
