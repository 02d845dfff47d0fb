package dev.stratus.cli.commands.events;

import dev.stratus.cli.StopSignals;
import dev.stratus.cli.commands.ApiCommand;
import dev.stratus.cli.output.Column;
import dev.stratus.cli.output.Output;
import dev.stratus.client.api.EventsApi;
import dev.stratus.client.model.EventPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code stratus events [--follow] [--since CURSOR]}: the project's server events ({@code GET /v1/events}), each
 * action on a server as it starts and as it finishes. Without {@code --follow}, every event there is now, as one
 * list; with it, the same and then each new one as it comes, until Ctrl-C (see {@link EventFollow}).
 */
@Command(name = "events", description = {"The project's server events, oldest first: each action on a server as it"
        + " starts and as it finishes (BY is the user who asked, or stratus for what Stratus did by itself).",
        "--follow keeps printing new events as they happen until Ctrl-C (exit 0); -o json prints one JSON object a"
        + " line then. --quiet prints only the cursor after the last event, for a later --since."})
public final class EventsCommand extends ApiCommand {
    static final List<Column> COLUMNS = List.of(Column.of("TIME", "at"), Column.of("SERVER", "server_id"),
            Column.of("ACTION", "action"), Column.of("PHASE", "phase"),
            Column.of("BY", "user_id", row -> row.path("user_id").isTextual() ? row.path("user_id").asText()
                    : "stratus"),
            Column.of("RESULT", "result"), Column.of("MESSAGE", "message"));

    @Option(names = {"-f", "--follow"}, description = "Keep printing new events as they happen (a long poll of"
            + " " + EventFollow.WAIT_SECONDS + " s at a time), until Ctrl-C.")
    boolean follow;

    @Option(names = "--since", paramLabel = "CURSOR", description = "Only the events after this cursor (what"
            + " --quiet printed); default: from the oldest.")
    String since;

    @Override
    public Integer call() throws Exception {
        EventsApi api = api(EventsApi::new);
        EventFollow events = new EventFollow((cursor, wait) -> {
            EventPage page = api.listEvents(EventsApi.APIListEventsRequest.newBuilder().since(cursor)
                    .limit(EventFollow.LIMIT).waitSeconds(wait).build());
            return new EventFollow.Page(page.getEvents(), page.getNext());
        }, environment().ticker(), err());
        Output out = out();
        if (!follow) {
            List<Object> all = new ArrayList<>();
            String next = events.catchUp(since, page -> all.addAll(page.events()));
            if (out.quiet()) {
                out.text(next);
            } else {
                out.list(all, COLUMNS);
            }
            return 0;
        }
        Output.Rows rows = out.rows(COLUMNS);
        try (StopSignals stop = StopSignals.interrupting(Thread.currentThread())) {
            events.follow(since, page -> {
                if (!out.quiet()) {
                    rows.add(page.events());
                } else if (!page.events().isEmpty()) {
                    out.text(page.next());
                }
            }, stop::stopped);
        } finally {
            Thread.interrupted(); // the stop asked for is done: the flag ends with the loop
        }
        return 0;
    }
}
