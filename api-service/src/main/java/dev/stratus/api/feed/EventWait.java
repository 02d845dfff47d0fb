package dev.stratus.api.feed;

import dev.stratus.api.config.ApiConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

/**
 * The long poll of {@code GET /v1/events?wait_seconds=N}: reads a page; when it is empty and the wait is not over, waits
 * for a commit of an event of the project ({@link EventWakeups}, from PostgreSQL's NOTIFY) and reads again, until an
 * event is there or the wait ends (then the empty page with the cursor asked for). Each read is one short statement
 * on a worker thread; between reads nothing is held (no thread, no connection, no transaction): the request stays
 * suspended on a signal and a timer.
 *
 * <p>When to read again after an empty page:
 * <ul>
 * <li>a transaction notified before the read is not below the read's horizon (an older transaction was still open,
 * so its event is held back): after 10 ms, then 20, 40... up to {@code events-poll-interval}, until the horizon
 * passes it;</li>
 * <li>otherwise, while the service LISTENs: at the next wake-up of the project, or when the wait ends;</li>
 * <li>while it does not (LISTEN off, or its connection lost): at the next wake-up, or after
 * {@code events-poll-interval}, as before notifications existed.</li>
 * </ul>
 */
@ApplicationScoped
public class EventWait {
    static final Duration FIRST_RETRY = Duration.ofMillis(10);
    private static final Duration MIN_PAUSE = Duration.ofMillis(1);

    @Inject
    EventFeed feed;
    @Inject
    EventWakeups wakeups;
    @Inject
    ApiConfig config;

    /** The first non-empty page after {@code since} within {@code wait}, or the empty one when it passed. */
    public Uni<EventPage> next(String projectId, EventCursor since, int limit, Duration wait) {
        if (wait.isZero()) {
            return read(projectId, since, limit).map(EventFeed.Read::page);
        }
        return Uni.createFrom().deferred(() -> {
            EventWaiter waiter = wakeups.register(projectId); // before the first read: no commit slips between
            Poll poll = new Poll(projectId, since, limit, System.nanoTime() + wait.toNanos(), waiter);
            return poll(poll, FIRST_RETRY).onTermination().invoke(waiter::close);
        });
    }

    /** One long poll's fixed parts. */
    private record Poll(String projectId, EventCursor since, int limit, long deadline, EventWaiter waiter) {
    }

    private Uni<EventPage> poll(Poll poll, Duration retry) {
        long notified = Math.max(poll.waiter().take(), wakeups.unknownUpTo()); // what this read must show
        return read(poll.projectId(), poll.since(), poll.limit()).flatMap(read -> {
            long left = poll.deadline() - System.nanoTime();
            if (!read.page().events().isEmpty() || left <= 0) {
                return Uni.createFrom().item(read.page());
            }
            boolean heldBack = notified >= read.horizon();
            Duration pause = heldBack ? retry
                    : wakeups.listening() ? Duration.ofNanos(left) : config.eventsPollInterval();
            Duration nextRetry = heldBack ? shorter(retry.multipliedBy(2), config.eventsPollInterval()) : FIRST_RETRY;
            Duration timeout = shorter(pause, Duration.ofNanos(left));
            return Uni.createFrom().completionStage(() -> poll.waiter().next().thenApply(woken -> true))
                    .ifNoItem().after(timeout.compareTo(MIN_PAUSE) < 0 ? MIN_PAUSE : timeout)
                    .recoverWithItem(false)
                    .flatMap(woken -> poll(poll, nextRetry));
        });
    }

    private Uni<EventFeed.Read> read(String projectId, EventCursor since, int limit) {
        return Uni.createFrom().item(() -> feed.read(projectId, since, limit))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
