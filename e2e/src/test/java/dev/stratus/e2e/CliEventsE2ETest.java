package dev.stratus.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code stratus events} against the whole stack: a server's create is in the project's events, and
 * {@code stratus events --follow}, a process left running, prints a stop that happens while it follows; SIGTERM
 * (what Ctrl-C's SIGINT does too) ends it with exit 0.
 */
class CliEventsE2ETest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void startStack() {
        Stack.up();
    }

    private static Cli.Run ok(String... args) {
        Cli.Run run = Cli.run(args);
        assertEquals(0, run.exit(), () -> "stratus " + String.join(" ", args) + ": " + run);
        return run;
    }

    @Test
    void aCreateIsInTheEventsAndAFollowPrintsAStopAsItHappens() throws Exception {
        String before = ok("events", "-q").out().strip();
        Cli.Run created = ok("server", "create", "cli-e2e-events", "--flavor", "m1.tiny", "--image", "stratus-tiny",
                "--wait", "-o", "json");
        String id = JSON.readTree(created.out()).path("id").asText();
        try {
            // the create's two events, in the default table (a write still open elsewhere may hold them a moment)
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                List<Map<String, String>> rows = Cli.table(ok("events", "--since", before).out()).stream()
                        .filter(r -> r.get("SERVER").equals(id)).toList();
                assertEquals(List.of("create started", "create finished"), rows.stream()
                        .map(r -> r.get("ACTION") + " " + r.get("PHASE")).toList(), rows.toString());
                assertEquals("success", rows.get(1).get("RESULT"));
                String by = rows.get(0).get("BY");
                assertTrue(!by.isEmpty() && !by.equals("stratus"), "the demo user asked: " + rows);
            });
            String now = ok("events", "-q", "--since", before).out().strip();

            Cli.Background follow = Cli.start("events", "--follow", "--since", now, "-o", "json");
            try {
                ok("server", "stop", id, "--force", "--wait");
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                        .until(() -> actions(follow.outSoFar(), id).contains("stop finished"));
            } finally {
                follow.process().destroy(); // SIGTERM
            }
            Cli.Run followed = follow.end();
            assertEquals(0, followed.exit(), followed.toString());
            assertEquals(List.of("stop started", "stop finished"), actions(followed.out(), id), followed.toString());
        } finally {
            Cli.run("server", "delete", id, "--wait", "--timeout", "2m");
        }
    }

    /** The events of one server among the JSON lines a follow printed, as "action phase". */
    private static List<String> actions(String jsonLines, String server) throws Exception {
        List<String> actions = new ArrayList<>();
        for (String line : jsonLines.lines().filter(l -> !l.isBlank()).toList()) {
            JsonNode event = JSON.readTree(line);
            if (event.path("server_id").asText().equals(server)) {
                actions.add(event.path("action").asText() + " " + event.path("phase").asText());
            }
        }
        return actions;
    }
}
