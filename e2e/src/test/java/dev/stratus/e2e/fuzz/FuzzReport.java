package dev.stratus.e2e.fuzz;

import dev.stratus.e2e.fuzz.FuzzCase.Category;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The run's report: {@code fuzz-report.md} (per service, per category, failures grouped by route, malformed requests
 * answered 2xx) and {@code fuzz-report.properties}, the numbers {@code deploy/bench/fuzz.sh} appends to
 * docs/benchmarks.md.
 */
final class FuzzReport {
    /** How the run was made: seed, documents, timings. */
    record Run(long seed, List<Path> documents, int operations, long fixtureMillis, long fuzzMillis,
            Instant started) {
    }

    private final Run run;
    private final FuzzResults results;

    FuzzReport(Run run, FuzzResults results) {
        this.run = run;
        this.results = results;
    }

    /** Writes both files into {@code folder}. */
    void write(Path folder) {
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("fuzz-report.md"), markdown());
            Files.write(folder.resolve("fuzz-requests.log"), results.log);
            Properties p = numbers();
            try (var out = Files.newBufferedWriter(folder.resolve("fuzz-report.properties"))) {
                p.store(out, "FuzzE2ETest, " + run.started());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String summary() {
        return String.format("seed %d: %d requests to %d operations (%s), %d answered 5xx, %d failures, %.1f s "
                        + "(fixtures %.1f s)", run.seed(), results.requests(), run.operations(), perServiceLine(),
                results.serverErrors(), results.failures.size(), run.fuzzMillis() / 1000.0,
                run.fixtureMillis() / 1000.0);
    }

    private String perServiceLine() {
        List<String> parts = new ArrayList<>();
        results.perService.forEach((s, c) -> parts.add(s + " " + c.requests));
        return String.join(", ", parts);
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# Fuzz report\n\n");
        md.append("- ").append(summary()).append('\n');
        md.append("- replay: `./stratus test -o -Dtest=FuzzE2ETest -Dsurefire.failIfNoSpecifiedTests=false "
                + "-Dstratus.fuzz.seed=").append(run.seed()).append("`\n");
        md.append("- documents: ").append(run.documents().stream().map(p -> p.getFileName().toString()).toList())
                .append('\n');
        md.append("- started ").append(run.started().truncatedTo(ChronoUnit.SECONDS)).append(", ")
                .append(Machine.describe()).append("\n- time: ").append(results.requestMillis / 1000)
                .append(" s waiting for the answers, ").append(results.snapshotMillis / 1000).append(" s reading ")
                .append(results.snapshots).append(" list snapshots; every request and answer in fuzz-requests.log")
                .append("\n\n");
        md.append("## Per service\n\n| service | operations | requests | 2xx | 4xx | of which 429 | 5xx | failures |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        results.perService.forEach((s, c) -> md.append(String.format("| %s | %d | %d | %d | %d | %d | %d | %d |%n", s,
                results.operationsPerService.getOrDefault(s, 0), c.requests, c.ok, c.clientErrors, c.rateLimited,
                c.serverErrors, c.failures)));
        md.append("\n## Per category\n\n| category | requests | 2xx | 4xx | 5xx | failures |\n|---|---|---|---|---|---|\n");
        results.perCategory.forEach((cat, c) -> md.append(String.format("| %s | %d | %d | %d | %d | %d |%n", cat.title,
                c.requests, c.ok, c.clientErrors, c.serverErrors, c.failures)));
        md.append("\nStatuses: ").append(results.statuses).append("\n\n");
        md.append("## Failures (").append(results.failures.size()).append(")\n\n").append(failures()).append('\n');
        md.append("## Malformed requests answered 2xx (").append(results.accepted.size()).append(")\n\n");
        md.append("Not failures by themselves (a missing optional field is no error), but each is a request the API"
                + " took although it breaks the documents or the input rules.\n\n");
        Map<Category, List<FuzzResults.Sent>> accepted = new LinkedHashMap<>();
        results.accepted.forEach(s -> accepted.computeIfAbsent(s.fuzzCase().category(), c -> new ArrayList<>()).add(s));
        accepted.forEach((cat, list) -> {
            md.append("### ").append(cat.title).append(" (").append(list.size()).append(")\n\n");
            list.stream().limit(40).forEach(s -> md.append("- ").append(s.status()).append(" ").append(s.describe())
                    .append('\n'));
            if (list.size() > 40) {
                md.append("- … and ").append(list.size() - 40).append(" more\n");
            }
            md.append('\n');
        });
        return md.toString();
    }

    /**
     * The failures, grouped by kind, then by what was wrong and what the request broke (answered 500 / a NUL
     * inside a value): the routes it happened on, and two examples.
     */
    String failures() {
        StringBuilder out = new StringBuilder();
        for (Outcome.Kind kind : Outcome.Kind.values()) {
            List<FuzzResults.Failure> ofKind = results.failures.stream().filter(f -> f.kind() == kind).toList();
            if (ofKind.isEmpty()) {
                continue;
            }
            out.append("### ").append(kind.title).append(" (").append(ofKind.size()).append(")\n\n");
            Map<String, List<FuzzResults.Failure>> groups = new LinkedHashMap<>();
            ofKind.forEach(f -> groups.computeIfAbsent(kind == Outcome.Kind.LEFT_BEHIND ? f.route() + ": "
                    + f.detail() : f.detail() + " — " + input(f), g -> new ArrayList<>()).add(f));
            groups.forEach((group, list) -> {
                Map<String, Integer> routes = new LinkedHashMap<>();
                list.forEach(f -> routes.merge(f.route(), 1, Integer::sum));
                out.append("- **").append(group).append("** ×").append(list.size());
                if (kind != Outcome.Kind.LEFT_BEHIND) {
                    out.append(": ").append(routes.entrySet().stream().map(e -> "`" + e.getKey() + "`"
                            + (e.getValue() > 1 ? " ×" + e.getValue() : "")).reduce((a, b) -> a + ", " + b)
                            .orElse(""));
                }
                out.append('\n');
                list.stream().flatMap(f -> f.requests().stream()).limit(kind == Outcome.Kind.LEFT_BEHIND ? 5 : 2)
                        .forEach(r -> out.append("  - ").append(r.describe()).append("\n    → ").append(r.response())
                                .append('\n'));
            });
            out.append('\n');
        }
        return out.length() == 0 ? "None.\n" : out.toString();
    }

    /** What the failing request broke, without the field: "NUL inside", "100,000 characters", "form". */
    private static String input(FuzzResults.Failure f) {
        if (f.requests().isEmpty()) {
            return "";
        }
        FuzzCase c = f.requests().get(0).fuzzCase();
        String label = c.label();
        return c.category().title + ": " + (label.contains(": ") ? label.substring(label.lastIndexOf(": ") + 2)
                : label);
    }

    private Properties numbers() {
        Properties p = new Properties();
        p.setProperty("seed", String.valueOf(run.seed()));
        p.setProperty("started", run.started().truncatedTo(ChronoUnit.SECONDS).toString());
        p.setProperty("machine", Machine.describe());
        p.setProperty("commit", Machine.commit());
        p.setProperty("operations", String.valueOf(run.operations()));
        p.setProperty("requests", String.valueOf(results.requests()));
        p.setProperty("server_errors", String.valueOf(results.serverErrors()));
        p.setProperty("failures", String.valueOf(results.failures.size()));
        p.setProperty("accepted", String.valueOf(results.accepted.size()));
        p.setProperty("fuzz_seconds", String.format("%.1f", run.fuzzMillis() / 1000.0));
        p.setProperty("fixture_seconds", String.format("%.1f", run.fixtureMillis() / 1000.0));
        p.setProperty("documents", String.join(",", run.documents().stream().map(d -> d.getFileName().toString())
                .toList()));
        results.perService.forEach((s, c) -> {
            p.setProperty("service." + s + ".operations", String.valueOf(results.operationsPerService.getOrDefault(s,
                    0)));
            p.setProperty("service." + s + ".requests", String.valueOf(c.requests));
            p.setProperty("service." + s + ".5xx", String.valueOf(c.serverErrors));
            p.setProperty("service." + s + ".failures", String.valueOf(c.failures));
        });
        results.perCategory.forEach((cat, c) -> {
            p.setProperty("category." + cat.name() + ".title", cat.title);
            p.setProperty("category." + cat.name() + ".requests", String.valueOf(c.requests));
            p.setProperty("category." + cat.name() + ".5xx", String.valueOf(c.serverErrors));
        });
        return p;
    }

    /** The machine in the words of docs/benchmarks.md: cores, memory, CPU, load. */
    static final class Machine {
        private Machine() {
        }

        static String describe() {
            String cpu = read("/proc/cpuinfo").lines().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
            long memKb = read("/proc/meminfo").lines().filter(l -> l.startsWith("MemTotal")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
            String load = read("/proc/loadavg").split(" ").length >= 3
                    ? String.join(" ", java.util.Arrays.copyOf(read("/proc/loadavg").split(" "), 3)) : "?";
            return Runtime.getRuntime().availableProcessors() + " cores " + cpu + ", " + Math.round(memKb / 1048576.0)
                    + " GiB, load average " + load;
        }

        /** The checkout's commit ({@code git rev-parse --short HEAD}), "unknown" without git. */
        static String commit() {
            try {
                Process git = new ProcessBuilder("git", "-C", dev.stratus.e2e.Stack.ROOT.toString(), "rev-parse",
                        "--short", "HEAD").redirectErrorStream(true).start();
                String out = new String(git.getInputStream().readAllBytes()).strip();
                return git.waitFor() == 0 ? out : "unknown";
            } catch (IOException e) {
                return "unknown";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "unknown";
            }
        }

        private static String read(String file) {
            try {
                return Files.readString(Path.of(file));
            } catch (IOException e) {
                return "";
            }
        }
    }
}
