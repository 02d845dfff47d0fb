package dev.stratus.api.rest;

import dev.stratus.api.feed.EventCursor;
import dev.stratus.api.feed.EventPage;
import dev.stratus.api.feed.EventWait;
import dev.stratus.platform.auth.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import dev.stratus.platform.input.WholeNumbers;

/**
 * The project's event feed: every server action of the token's project (administrators' tokens included: the feed
 * is per project) as it starts and as it finishes, oldest first, read with a cursor so that a follower sees each
 * event once. {@code wait_seconds} makes it a long poll (see {@link EventWait}: no thread is held while it waits).
 * Not {@code wait}: the generated Java client would give its request a {@code wait()} accessor, which Object's final
 * {@code wait()} forbids.
 */
@Path("/v1/events")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class EventResource {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final int MAX_WAIT_SECONDS = 30;

    @Inject
    Caller caller;
    @Inject
    EventWait events;

    @GET
    @Operation(operationId = "listEvents", summary = "List the project's server events",
            description = "The server events of the token's project, oldest first: each action on a server (a user's"
            + " request, or what Stratus did by itself: user_id null) is a started event, then a finished event with"
            + " its result. Pass the answer's next as since to get only newer events: a follower that does so sees"
            + " every event exactly once, also when several happen at the same time. With wait_seconds, an answer that"
            + " would be empty waits up to that many seconds for an event (a long poll); it ends with an empty list"
            + " and the same next when none came.")
    @APIResponse(responseCode = "200", description = "A page of events and the cursor after it",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = EventPage.class)))
    public Uni<EventPage> list(
            @Parameter(description = "The next of an earlier answer: only events after it (default: from the"
                    + " oldest)", schema = @Schema(type = SchemaType.STRING))
            @QueryParam("since") String since,
            @Parameter(description = "How many events at most (1 to " + MAX_LIMIT + ", default " + DEFAULT_LIMIT
                    + ")", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "" + MAX_LIMIT,
                    defaultValue = "" + DEFAULT_LIMIT))
            @QueryParam("limit") String limit,
            @Parameter(description = "Seconds to wait for an event when there is none yet (0 to " + MAX_WAIT_SECONDS
                    + ", default 0: answer at once)", schema = @Schema(type = SchemaType.INTEGER, minimum = "0",
                    maximum = "" + MAX_WAIT_SECONDS, defaultValue = "0"))
            @QueryParam("wait_seconds") String wait) {
        // an empty value is the parameter left out, as the framework passes it for some of them
        EventCursor from = since == null || since.isEmpty() ? EventCursor.START : EventCursor.parse("since", since);
        int max = number("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
        int seconds = number("wait_seconds", wait, 0, MAX_WAIT_SECONDS, 0);
        return events.next(caller.projectId(), from, max, Duration.ofSeconds(seconds));
    }

    /** A number parameter; an empty value is the parameter left out, as the framework passes it for some of them. */
    private static int number(String name, String text, int min, int max, int absent) {
        return WholeNumbers.between(name, text == null || text.isEmpty() ? null : text, min, max, absent);
    }
}
