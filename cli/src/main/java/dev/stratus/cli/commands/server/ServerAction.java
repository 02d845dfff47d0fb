package dev.stratus.cli.commands.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.cli.WaitOptions;
import dev.stratus.cli.commands.ApiCommand;
import dev.stratus.client.ApiException;
import dev.stratus.client.api.ServersApi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/**
 * An action on one server ({@code stratus server stop web-1 --wait}): the API answers 202 with the server, its task
 * set; {@code --wait} then follows it until it settles in the state the action ends in.
 */
abstract class ServerAction extends ApiCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SERVER", description = "The server's name or id.")
    String server;

    @Mixin
    WaitOptions wait;

    /** The state the action ends in, or null for "settled, whatever the state". */
    abstract String endsIn();

    /** Asks for the action; returns what the API answered (the server), or null when it answers no body. */
    abstract Object act(ServersApi api, String id) throws ApiException;

    @Override
    public Integer call() throws Exception {
        ServersApi api = api(ServersApi::new);
        ServerStates states = new ServerStates(api, session().mapper());
        String id = states.id(server);
        Object answer = act(api, id);
        JsonNode view = answer == null ? states.read(id) : states.tree(answer);
        if (wait.wait && view != null) {
            view = states.watch(ServerStates.label(view), id, wait, err(), environment().ticker())
                    .until(states.settlesIn(endsIn(), id), view);
        }
        if (view != null) {
            out().show(view);
        }
        return 0;
    }
}
