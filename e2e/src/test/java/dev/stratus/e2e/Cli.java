package dev.stratus.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code stratus} CLI as a user runs it: {@code ./stratus <noun> <verb> ...} in the checkout, a real process
 * whose stdout and stderr go to files, against the e2e stack (the launcher passes its state directory, whose
 * dev.env gives the URL and the demo member's token). A config file of the test's own keeps the machine's
 * {@code ~/.config/stratus/config} out of it.
 */
final class Cli {
    /** What a run left: its exit code, stdout, stderr and wall time. */
    record Run(int exit, String out, String err, Duration took) {
        @Override
        public String toString() {
            return "exit " + exit + " after " + took.toMillis() + " ms\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private static final Path DIR = Stack.STATE.resolveSibling("cli-e2e");

    private Cli() {
    }

    static Run run(String... args) {
        return run(Duration.ofMinutes(5), args);
    }

    static Run run(Duration timeout, String... args) {
        try {
            Background started = start(args);
            if (!started.process().waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                started.process().destroyForcibly();
                throw new AssertionError("stratus " + String.join(" ", args) + " did not end within " + timeout);
            }
            return started.end();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A run still going (e.g. {@code events --follow}): its process and what it printed so far. */
    record Background(Process process, Path out, Path err, long startNanos) {
        String outSoFar() {
            try {
                return Files.readString(out);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** What the run left once its process has ended. */
        Run end() throws InterruptedException {
            process.waitFor();
            try {
                return new Run(process.exitValue(), Files.readString(out), Files.readString(err),
                        Duration.ofNanos(System.nanoTime() - startNanos));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Starts {@code ./stratus <args>} and returns at once. */
    static Background start(String... args) {
        try {
            Files.createDirectories(DIR);
            Path out = Files.createTempFile(DIR, "out", ".txt");
            Path err = Files.createTempFile(DIR, "err", ".txt");
            List<String> argv = new ArrayList<>(List.of(Stack.ROOT.resolve("stratus").toString()));
            argv.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(argv).directory(Stack.ROOT.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.startsWith("STRATUS_"));
            env.put("STRATUS_STATE", Stack.STATE.toString());
            env.put("STRATUS_CONFIG", DIR.resolve("config").toString());
            env.put("STRATUS_SKIP_BUILD", "1"); // the reactor built cli/target/stratus-cli.jar before this module
            long start = System.nanoTime();
            return new Background(pb.start(), out, err, start);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file in the CLI tests' folder. */
    static Path file(String name) throws IOException {
        Files.createDirectories(DIR);
        return DIR.resolve(name);
    }

    /** The rows of a table as printed by default: columns are separated by two spaces or more. */
    static List<Map<String, String>> table(String text) {
        List<String> lines = text.lines().toList();
        String[] headers = lines.get(0).split(" {2,}");
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            // cells are found under their header's start (an empty cell leaves spaces)
            Map<String, String> row = new java.util.LinkedHashMap<>();
            for (int i = 0; i < headers.length; i++) {
                int from = lines.get(0).indexOf(headers[i]);
                int to = i + 1 < headers.length ? lines.get(0).indexOf(headers[i + 1]) : Integer.MAX_VALUE;
                row.put(headers[i], from >= line.length() ? "" : line.substring(from, Math.min(to, line.length()))
                        .strip());
            }
            rows.add(row);
        }
        return rows;
    }
}
