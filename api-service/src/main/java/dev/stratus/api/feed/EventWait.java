package dev.stratus.api.feed;

import dev.stratus.api.config.ApiConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

/**
 * The long poll of {@code GET /v1/events?wait_seconds=N}: reads a page; when it is empty and the wait is not over, reads
 * again after {@code stratus.api.events-poll-interval}, until an event is there or the wait ends (then the empty
 * page with the cursor asked for). Each read is one short statement on a worker thread; between reads nothing is
 * held (no thread, no connection, no transaction): the pause is a timer, and the request stays suspended.
 */
@ApplicationScoped
public class EventWait {
    @Inject
    EventFeed feed;
    @Inject
    ApiConfig config;

    /** The first non-empty page after {@code since} within {@code wait}, or the empty one when it passed. */
    public Uni<EventPage> next(String projectId, EventCursor since, int limit, Duration wait) {
        return poll(projectId, since, limit, System.nanoTime() + wait.toNanos());
    }

    private Uni<EventPage> poll(String projectId, EventCursor since, int limit, long deadline) {
        return Uni.createFrom().item(() -> feed.page(projectId, since, limit))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(page -> {
                    long left = deadline - System.nanoTime();
                    if (!page.events().isEmpty() || left <= 0) {
                        return Uni.createFrom().item(page);
                    }
                    Duration pause = Duration.ofNanos(Math.min(left, config.eventsPollInterval().toNanos()));
                    return Uni.createFrom().voidItem().onItem().delayIt().by(pause)
                            .flatMap(ignored -> poll(projectId, since, limit, deadline));
                });
    }
}
