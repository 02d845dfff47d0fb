package dev.stratus.api.feed;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One long poll's registration with {@link EventWakeups}, from before its first read until it answers: what was
 * committed in its project since it last looked ({@link #take()}), and a signal for the next such commit
 * ({@link #next()}). Registered before the read it guards, so a commit during that read is never slept through.
 */
public final class EventWaiter implements AutoCloseable {
    /** Nothing was notified. */
    static final long NONE = Long.MIN_VALUE;
    /** Read again, no event known (the LISTEN connection came or went); lower than every transaction id. */
    static final long ANY = Long.MIN_VALUE + 1;

    private final Consumer<EventWaiter> unregister;
    private long notified;
    private CompletableFuture<Void> signal;

    EventWaiter(long notified, Consumer<EventWaiter> unregister) {
        this.notified = notified;
        this.unregister = unregister;
    }

    /** A transaction that wrote events of this project committed ({@link #ANY}: something may have). */
    void wake(long xid) {
        CompletableFuture<Void> waiting;
        synchronized (this) {
            notified = Math.max(notified, xid);
            waiting = signal;
            signal = null;
        }
        if (waiting != null) {
            waiting.complete(null); // outside the lock: the follower's next step runs from here
        }
    }

    /** The newest transaction notified since the last call ({@link #NONE}: none), forgotten by this call. */
    synchronized long take() {
        long newest = notified;
        notified = NONE;
        return newest;
    }

    /** Completes at the next wake-up; at once when one came since {@link #take()}. */
    synchronized CompletionStage<Void> next() {
        if (notified != NONE) {
            return CompletableFuture.completedFuture(null);
        }
        if (signal == null) {
            signal = new CompletableFuture<>();
        }
        return signal;
    }

    @Override
    public void close() {
        unregister.accept(this);
    }
}
