package dev.stratus.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A compiled TypeScript program run with {@code node}, which prints one JSON object per line on stdout: the lines are
 * read as they come (a reader thread), so the test can act in the middle of the run and answer on stdin. stderr goes
 * to a file, quoted when something fails.
 */
final class NodeProgram implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private NodeProgram(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(this::readStdout, "node-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code node script} with these environment variables added; stderr goes to {@code stderr}. */
    static NodeProgram start(Path script, Map<String, String> env, Path stderr) {
        ProcessBuilder pb = new ProcessBuilder("node", script.toString())
                .redirectError(ProcessBuilder.Redirect.to(stderr.toFile()));
        pb.environment().putAll(env);
        try {
            return new NodeProgram(pb.start(), stderr);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run node (Debian package nodejs)", e);
        }
    }

    /** The next JSON line; fails when none comes within {@code timeout}, or when the line is not JSON. */
    JsonNode next(Duration timeout) {
        String line;
        try {
            line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (line == null) {
            throw new AssertionError("no line from the program within " + timeout + "; " + transcript());
        }
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not a JSON line: " + line + "; " + transcript(), e);
        }
    }

    /** Writes one line on the program's stdin and closes it. */
    void answer(String line) {
        try (var in = process.getOutputStream()) {
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the program to end and returns its exit code. */
    int exitCode(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the program did not end within " + timeout + "; " + transcript());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    /** What the program printed so far, for failure messages. */
    String transcript() {
        String errors;
        try {
            errors = Files.exists(stderr) ? Files.readString(stderr) : "";
        } catch (IOException e) {
            errors = e.toString();
        }
        synchronized (seen) {
            return "stdout:\n" + String.join("\n", seen) + "\nstderr:\n" + errors;
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private void readStdout() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                synchronized (seen) {
                    seen.add(line);
                }
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("{\"step\":\"unreadable\",\"error\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }
}
