package dev.stratus.cli.commands.server;

import dev.stratus.cli.commands.ApiCommand;
import dev.stratus.cli.output.Column;
import dev.stratus.client.api.ServersApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "actions", description = "A server's action history: what was asked (or done by Stratus itself), "
        + "when, and how it ended.")
final class ServerActions extends ApiCommand implements Callable<Integer> {
    private static final List<Column> COLUMNS = List.of(Column.of("ACTION", "action"),
            Column.of("REQUEST", "request_id"), Column.of("STARTED", "started_at"),
            Column.of("FINISHED", "finished_at"), Column.of("RESULT", "result"), Column.of("MESSAGE", "message"));

    @Parameters(index = "0", paramLabel = "SERVER", description = "The server's name or id.")
    String server;

    @Override
    public Integer call() throws Exception {
        ServersApi api = api(ServersApi::new);
        String id = new ServerStates(api, session().mapper()).id(server);
        out().list(api.listServerActions(id).getActions(), COLUMNS);
        return 0;
    }
}
