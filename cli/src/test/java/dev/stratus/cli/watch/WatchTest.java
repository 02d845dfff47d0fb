package dev.stratus.cli.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.cli.CliFailure;
import dev.stratus.cli.ExitCodes;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Goal<JsonNode> ACTIVE = new Goal<>("ACTIVE",
            s -> s.path("status").asText().equals("ACTIVE") && s.path("task").isMissingNode(),
            s -> s.path("status").asText().equals("ERROR"), s -> s.path("fault").asText());


    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ManualTicker ticker = new ManualTicker();

    private Watch<JsonNode> watch(List<String> states, Duration timeout) {
        Deque<String> left = new ArrayDeque<>(states);
        return new Watch<>("server web-1", () -> {
            String next = left.size() > 1 ? left.poll() : left.peek();
            return next == null ? null : JSON.readTree(next);
        }, s -> s.path("status").asText() + (s.has("task") ? " (" + s.path("task").asText() + ")" : ""),
                new PrintStream(err, true, StandardCharsets.UTF_8), timeout, Duration.ofMillis(500), ticker);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsEachChangeOnceUntilTheGoal() {
        JsonNode end = watch(List.of("{\"status\":\"BUILDING\",\"task\":\"scheduling\"}",
                "{\"status\":\"BUILDING\",\"task\":\"scheduling\"}", "{\"status\":\"BUILDING\",\"task\":\"spawning\"}",
                "{\"status\":\"ACTIVE\"}"), Duration.ofMinutes(1)).until(ACTIVE);
        assertEquals("ACTIVE", end.path("status").asText());
        assertEquals("""
                server web-1: BUILDING (scheduling) (0.0s)
                server web-1: BUILDING (spawning) (1.0s)
                server web-1: ACTIVE (1.5s)
                """, err());
    }

    @Test
    void errorFailsWithTheFaultAsAnApiError() {
        CliFailure failure = assertThrows(CliFailure.class, () -> watch(List.of("{\"status\":\"BUILDING\"}",
                "{\"status\":\"ERROR\",\"fault\":\"no host has 64 GiB\"}"), Duration.ofMinutes(1)).until(ACTIVE));
        assertEquals(ExitCodes.API_ERROR, failure.exitCode());
        assertEquals("server web-1 went to ERROR: no host has 64 GiB", failure.getMessage());
    }

    @Test
    void timeoutIsExitThree() {
        CliFailure failure = assertThrows(CliFailure.class,
                () -> watch(List.of("{\"status\":\"BUILDING\"}"), Duration.ofSeconds(3)).until(ACTIVE));
        assertEquals(ExitCodes.TIMEOUT, failure.exitCode());
        assertTrue(failure.getMessage().startsWith("timed out after 3s waiting for server web-1 to be ACTIVE"),
                failure.getMessage());
        assertTrue(ticker.now >= Duration.ofSeconds(3).toNanos());
    }

    @Test
    void aServiceUnavailableForAMomentIsAskedAgain() {
        Deque<Object> answers = new ArrayDeque<>(List.of(new dev.stratus.client.ApiException(503, "restarting"),
                "{\"status\":\"ACTIVE\"}"));
        JsonNode end = new Watch<JsonNode>("server web-1", () -> {
            Object next = answers.poll();
            if (next instanceof Exception e) {
                throw e;
            }
            return JSON.readTree((String) next);
        }, s -> s.path("status").asText(), new PrintStream(err, true, StandardCharsets.UTF_8),
                Duration.ofMinutes(1), Duration.ofMillis(500), ticker).until(ACTIVE);
        assertEquals("ACTIVE", end.path("status").asText());
        assertTrue(err().startsWith("server web-1: 503 Service Unavailable"), err());
    }

    @Test
    void untilGoneEndsAt404() {
        Deque<String> states = new ArrayDeque<>(List.of("{\"status\":\"ACTIVE\",\"task\":\"deleting\"}"));
        new Watch<JsonNode>("server web-1", () -> states.isEmpty() ? null : JSON.readTree(states.poll()),
                s -> s.path("status").asText(), new PrintStream(err, true, StandardCharsets.UTF_8),
                Duration.ofMinutes(1), Duration.ofMillis(500), ticker).untilGone(ACTIVE, null);
        assertEquals("server web-1: ACTIVE (0.0s)\nserver web-1: gone (0.5s)\n", err());
    }

    @Test
    void disappearingWhileWaitingForAStateFails() {
        Deque<String> states = new ArrayDeque<>(List.of("{\"status\":\"BUILDING\"}"));
        CliFailure failure = assertThrows(CliFailure.class, () -> new Watch<JsonNode>("server web-1",
                () -> states.isEmpty() ? null : JSON.readTree(states.poll()), s -> s.path("status").asText(),
                new PrintStream(err, true, StandardCharsets.UTF_8), Duration.ofMinutes(1), Duration.ofMillis(500),
                ticker).until(ACTIVE));
        assertEquals(ExitCodes.API_ERROR, failure.exitCode());
    }
}
