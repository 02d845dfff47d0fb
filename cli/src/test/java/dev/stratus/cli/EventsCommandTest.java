package dev.stratus.cli;

import dev.stratus.cli.config.ConfigLocations;
import dev.stratus.cli.watch.ManualTicker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code stratus events [--follow]} against {@link FakeApi}: the table, the cursor, and a follow stopped by Ctrl-C. */
class EventsCommandTest {
    private static final String SERVER = "3f2b8a90-3c1e-4f59-9d1a-0c8e5f7b6a21";
    private static final String STARTED = "{\"at\":\"2026-11-30T10:00:00.000001Z\",\"server_id\":\"" + SERVER + "\","
            + "\"phase\":\"started\",\"action\":\"create\",\"request_id\":\"req-1\",\"user_id\":\"u-1\","
            + "\"result\":null,\"message\":null}";
    private static final String RESTARTED = "{\"at\":\"2026-11-30T10:05:00Z\",\"server_id\":\"" + SERVER + "\","
            + "\"phase\":\"finished\",\"action\":\"restart\",\"request_id\":\"req-2\",\"user_id\":null,"
            + "\"result\":\"success\",\"message\":\"the domain died\"}";

    @TempDir
    Path dir;
    private FakeApi api;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        api = new FakeApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private int run(String... args) {
        Map<String, String> env = Map.of("STRATUS_CONFIG", dir.resolve("config").toString(), "STRATUS_URL",
                api.url(), "STRATUS_TOKEN", "t0ken");
        return Main.run(new Environment(new ConfigLocations(env, dir, dir.resolve("home")),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false, new ManualTicker(), env), args);
    }

    private static String page(String next, String... events) {
        return "{\"events\":[" + String.join(",", events) + "],\"next\":\"" + next + "\"}";
    }

    @Test
    void eventsAreATableWithStratusForWhatItDidByItself() {
        api.on("GET /v1/events", 200, page("c2", STARTED, RESTARTED));
        assertEquals(0, run("events"));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of("TIME", "SERVER", "ACTION", "PHASE", "BY", "RESULT", "MESSAGE"),
                List.of(lines.get(0).split(" +")));
        assertTrue(lines.get(1).matches("2026-11-30T10:00:00\\.000001Z +" + SERVER + " +create +started +u-1"),
                lines.get(1));
        assertTrue(lines.get(2).matches(".* restart +finished +stratus +success +the domain died"), lines.get(2));
        assertEquals(3, lines.size());
        assertEquals(params("limit=500", "wait_seconds=0"), query(api.requests.get(0).path()));
    }

    @Test
    void quietPrintsTheCursorThatSinceTakes() {
        api.on("GET /v1/events", 200, page("c2", STARTED, RESTARTED));
        assertEquals(0, run("events", "-q", "--since", "c1"));
        assertEquals("c2\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(params("since=c1", "limit=500", "wait_seconds=0"), query(api.requests.get(0).path()));
    }

    @Test
    void aBadCursorIsExitOneWithTheProblemsDetail() {
        api.on("GET /v1/events", 400, "{\"status\":400,\"title\":\"Bad Request\",\"field\":\"since\","
                + "\"detail\":\"since is not a cursor of this feed\"}");
        assertEquals(ExitCodes.API_ERROR, run("events", "--since", "nope"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("since is not a cursor of this feed"));
    }

    @Test
    void followPrintsNewEventsAsTheyComeAndCtrlCEndsItWithZero() throws Exception {
        api.on("GET /v1/events", 200, page("c1", STARTED)).on("GET /v1/events", 200, page("c1"))
                .on("GET /v1/events", 200, page("c2", RESTARTED)).on("GET /v1/events", 200, page("c2"));
        AtomicInteger exit = new AtomicInteger(-1);
        Thread cli = new Thread(() -> exit.set(run("events", "--follow", "-o", "json")));
        cli.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (requests() < 6 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        // Ctrl-C, to this JVM: StopSignals' handler is in place while the follow runs
        sun.misc.Signal.raise(new sun.misc.Signal("INT"));
        cli.join(10_000);
        assertFalse(cli.isAlive(), () -> requests() + " requests; the CLI thread is at "
                + java.util.Arrays.toString(cli.getStackTrace()) + "\nstderr: " + err.toString(StandardCharsets.UTF_8));
        assertEquals(0, exit.get(), err.toString(StandardCharsets.UTF_8));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("{\"at\":\"2026-11-30T10:00:00.000001Z\"") && lines.get(0)
                .contains("\"action\":\"create\""), lines.get(0));
        assertTrue(lines.get(1).contains("\"action\":\"restart\""), lines.get(1));
        synchronized (api) {
            assertEquals(params("limit=500", "wait_seconds=0"), query(api.requests.get(0).path()));
            assertEquals(params("since=c1", "limit=500", "wait_seconds=20"), query(api.requests.get(1).path()));
            assertEquals(params("since=c2", "limit=500", "wait_seconds=20"), query(api.requests.get(3).path()));
        }
    }

    /** Query parameters, in any order (the generated client sends them in the document's). */
    private static java.util.Set<String> params(String... params) {
        return java.util.Set.of(params);
    }

    /** The query parameters of a request's path. */
    private static java.util.Set<String> query(String path) {
        return java.util.Set.of(path.substring(path.indexOf('?') + 1).split("&"));
    }

    private int requests() {
        synchronized (api) {
            return api.requests.size();
        }
    }
}
