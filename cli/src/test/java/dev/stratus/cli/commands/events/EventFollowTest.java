package dev.stratus.cli.commands.events;

import dev.stratus.cli.watch.ManualTicker;
import dev.stratus.client.ApiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The feed read page after page with its cursor: up to now, or followed with long polls until interrupted. */
class EventFollowTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ManualTicker ticker = new ManualTicker();
    /** Each call as "since wait". */
    private final List<String> calls = new ArrayList<>();
    private final List<List<?>> printed = new ArrayList<>();

    /** What the feed answers, call after call: a page, or a failure to throw. */
    private final Deque<Object> answers = new ArrayDeque<>();

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private EventFollow feed() {
        return new EventFollow((since, wait) -> {
            calls.add(since + " " + wait);
            Object answer = answers.poll();
            if (answer == null) { // the user presses Ctrl-C during this long poll: the client's call is interrupted
                Thread.currentThread().interrupt();
                throw new ApiException(new InterruptedException());
            }
            if (answer instanceof ApiException e) {
                throw e;
            }
            return (EventFollow.Page) answer;
        }, ticker, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static EventFollow.Page page(int events, String next) {
        return new EventFollow.Page(Collections.nCopies(events, "event"), next);
    }

    @Test
    void catchUpReadsFullPagesUntilAShorterOneWithoutWaiting() throws Exception {
        answers.addAll(List.of(page(EventFollow.LIMIT, "c1"), page(EventFollow.LIMIT, "c2"), page(3, "c3")));
        assertEquals("c3", feed().catchUp("c0", p -> printed.add(p.events())));
        assertEquals(List.of("c0 0", "c1 0", "c2 0"), calls);
        assertEquals(List.of(EventFollow.LIMIT, EventFollow.LIMIT, 3), printed.stream().map(List::size).toList());
    }

    @Test
    void followCatchesUpThenLongPollsWithTheLastCursorUntilInterrupted() throws Exception {
        answers.addAll(List.of(page(2, "c1"), page(0, "c1"), page(1, "c2")));
        feed().follow(null, p -> printed.add(p.events()), () -> false);
        assertEquals(List.of("null 0", "c1 " + EventFollow.WAIT_SECONDS, "c1 " + EventFollow.WAIT_SECONDS,
                "c2 " + EventFollow.WAIT_SECONDS), calls);
        assertEquals(List.of(2, 0, 1), printed.stream().map(List::size).toList());
        assertTrue(Thread.interrupted(), "the interrupt that stopped it is still the thread's to see");
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anApiOutOfReachForAMomentIsAskedAgainWithTheSameCursorAfterGrowingPauses() throws Exception {
        answers.addAll(List.of(page(1, "c1"), new ApiException(503, "Service Unavailable"),
                new ApiException(0, "Connection refused"), page(1, "c2")));
        feed().follow("c0", p -> printed.add(p.events()), () -> false);
        assertEquals(List.of("c0 0", "c1 " + EventFollow.WAIT_SECONDS, "c1 " + EventFollow.WAIT_SECONDS,
                "c1 " + EventFollow.WAIT_SECONDS, "c2 " + EventFollow.WAIT_SECONDS), calls);
        assertEquals(3_000_000_000L, ticker.now, "1 s, then 2 s");
        String said = err.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("asking again in 1 s") && said.contains("asking again in 2 s"), said);
    }

    @Test
    void anyOtherFailureEndsTheFollow() {
        answers.addAll(List.of(page(0, "c0"), new ApiException(400, "Bad Request")));
        ApiException e = assertThrows(ApiException.class,
                () -> feed().follow("bad", p -> printed.add(p.events()), () -> false));
        assertEquals(400, e.getCode());
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void aStopEndsTheFollowAfterTheCallInFlightEvenWhenNoInterruptReachedIt() throws Exception {
        answers.addAll(List.of(page(1, "c1"), page(0, "c1"), page(0, "c1")));
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        feed().follow(null, p -> {
            printed.add(p.events());
            stop.set(printed.size() == 2);
        }, stop::get);
        assertEquals(List.of("null 0", "c1 " + EventFollow.WAIT_SECONDS), calls);
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void pausesGrowToTenSeconds() {
        assertEquals(List.of(1L, 2L, 4L, 8L, 10L, 10L), List.of(1, 2, 3, 4, 5, 9).stream()
                .map(n -> EventFollow.pause(n).toSeconds()).toList());
    }
}
