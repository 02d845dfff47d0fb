package dev.stratus.e2e.fuzz;

import dev.stratus.e2e.Stack;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 12's fuzzer: malformed requests, generated from the published OpenAPI documents, to every operation of every
 * service of the running stack, each with the token its route asks for. No answer may be a 5xx, every 4xx is
 * {@code application/problem+json}, and a request answered 4xx leaves every list as it was. All failures are
 * collected and reported at the end (and in {@code e2e/target/fuzz-report.md}).
 *
 * <p>Options (system properties): {@code stratus.fuzz.seed} (default {@value #DEFAULT_SEED}: the same seed sends the
 * same requests, so a failure is replayed with its seed); {@code stratus.fuzz.requests-per-service} (default 300);
 * {@code stratus.fuzz.min-per-operation} (default 10); {@code stratus.fuzz.documents} (comma-separated files,
 * default every {@code .json}/{@code .yaml} in {@code openapi/}).
 */
class FuzzE2ETest {
    static final long DEFAULT_SEED = 20261130L;

    @Test
    void malformedRequestsGetProblemsNever5xxAndLeaveNothingBehind() {
        long seed = Long.getLong("stratus.fuzz.seed", DEFAULT_SEED);
        System.out.println("fuzz: seed " + seed + " (replay with -Dstratus.fuzz.seed=" + seed + ")");
        List<Path> documents = documents();
        List<ApiOperation> operations = OpenApiDocuments.read(documents);
        FuzzPlan plan = FuzzPlan.build(operations, seed, Integer.getInteger("stratus.fuzz.requests-per-service", 300),
                Integer.getInteger("stratus.fuzz.min-per-operation", 10));
        System.out.println("fuzz: " + plan.size() + " requests planned for " + operations.size() + " operations of "
                + documents);
        Instant started = Instant.now();
        Stack.up();
        long t0 = System.nanoTime();
        Fixtures fixtures = Fixtures.create();
        long t1 = System.nanoTime();
        FuzzResults results;
        long t2;
        try {
            results = new FuzzRun(plan, fixtures).run();
            t2 = System.nanoTime();
        } finally {
            fixtures.delete();
        }
        FuzzReport report = new FuzzReport(new FuzzReport.Run(seed, documents, operations.size(),
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, started), results);
        Path folder = Stack.ROOT.resolve("e2e/target");
        report.write(folder);
        System.out.println("fuzz: " + report.summary() + "; report in " + folder.resolve("fuzz-report.md"));
        assertTrue(results.requests() >= plan.size(), "not every planned request was sent");
        if (!results.failures.isEmpty()) {
            fail(results.failures.size() + " failures (seed " + seed + "; " + folder.resolve("fuzz-report.md")
                    + "):\n" + report.failures());
        }
    }

    static List<Path> documents() {
        String listed = System.getProperty("stratus.fuzz.documents", "");
        if (!listed.isBlank()) {
            return Arrays.stream(listed.split(",")).map(String::trim).map(f -> Stack.ROOT.resolve(f)).toList();
        }
        return OpenApiDocuments.in(Stack.ROOT.resolve("openapi"));
    }
}
