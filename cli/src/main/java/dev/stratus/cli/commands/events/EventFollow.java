package dev.stratus.cli.commands.events;

import dev.stratus.cli.watch.Ticker;
import dev.stratus.cli.watch.Transient;
import dev.stratus.client.ApiException;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reads the event feed page after page with its cursor, so each event is printed once: up to now
 * ({@link #catchUp}), or for ever ({@link #follow}: long polls, each answered as soon as an event happens) until
 * the thread is interrupted (Ctrl-C, see {@code StopSignals}). While following, the API out of reach for a moment
 * (a restart, a 503, a rate limit) is said on stderr and asked again after a growing pause; the cursor is kept, so
 * nothing is missed meanwhile.
 */
public final class EventFollow {
    /** Events a page (the API takes up to 1000). */
    static final int LIMIT = 500;
    /** Seconds a long poll waits for an event (the API takes up to 30). */
    static final int WAIT_SECONDS = 20;
    private static final Duration MAX_PAUSE = Duration.ofSeconds(10);

    /** One answer of the feed: its events (the API's JSON models) and the cursor after them. */
    public record Page(List<?> events, String next) {
    }

    /** One call of {@code GET /v1/events?since=...&limit=...&wait_seconds=...}. */
    @FunctionalInterface
    public interface Fetch {
        Page fetch(String since, int waitSeconds) throws ApiException;
    }

    private final Fetch fetch;
    private final Ticker ticker;
    private final PrintStream err;

    public EventFollow(Fetch fetch, Ticker ticker, PrintStream err) {
        this.fetch = fetch;
        this.ticker = ticker;
        this.err = err;
    }

    /** Gives {@code print} every page of events after {@code since} (null: the oldest) up to now; the last cursor. */
    public String catchUp(String since, Consumer<Page> print) throws ApiException {
        String cursor = since;
        while (true) {
            Page page = fetch.fetch(cursor, 0);
            print.accept(page);
            cursor = page.next();
            if (page.events().size() < LIMIT) {
                return cursor;
            }
        }
    }

    /** The pages up to now, then each new one as it comes, until {@code stopped} or the thread is interrupted. */
    public void follow(String since, Consumer<Page> print, BooleanSupplier stopped) throws ApiException {
        String cursor = since;
        boolean caughtUp = false;
        int failures = 0;
        while (!stopped.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
            Page page;
            try {
                page = fetch.fetch(cursor, caughtUp ? WAIT_SECONDS : 0);
            } catch (ApiException | RuntimeException e) {
                if (stopped.getAsBoolean() || interrupted(e)) {
                    return;
                }
                if (!Transient.is(e)) {
                    throw e;
                }
                failures++;
                Duration pause = pause(failures);
                err.println("events: " + Transient.describe(e) + ", asking again in " + pause.toSeconds() + " s");
                if (!sleep(pause)) {
                    return;
                }
                continue;
            }
            failures = 0;
            print.accept(page);
            cursor = page.next();
            caughtUp = page.events().size() < LIMIT;
        }
    }

    /** 1 s, 2 s, 4 s... up to {@link #MAX_PAUSE}. */
    static Duration pause(int failures) {
        long seconds = 1L << Math.min(failures - 1, 4);
        return Duration.ofSeconds(Math.min(seconds, MAX_PAUSE.toSeconds()));
    }

    private boolean sleep(Duration pause) {
        try {
            ticker.sleep(pause);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The thread was interrupted (the client wraps the InterruptedException of its call and sets the flag again). */
    private static boolean interrupted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InterruptedException) {
                return true;
            }
        }
        return Thread.currentThread().isInterrupted();
    }
}
