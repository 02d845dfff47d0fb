package dev.stratus.cli.commands.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.cli.WaitOptions;
import dev.stratus.cli.commands.ApiCommand;
import dev.stratus.client.api.ServersApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "delete", description = "Delete servers (their domain, disks and ports go with them); --wait until "
        + "each is gone.")
final class ServerDelete extends ApiCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "SERVER", description = "Names or ids.")
    List<String> servers;

    @Mixin
    WaitOptions wait;

    @Override
    public Integer call() throws Exception {
        ServersApi api = api(ServersApi::new);
        ServerStates states = new ServerStates(api, session().mapper());
        for (String server : servers) {
            String id = states.id(server);
            JsonNode answered = states.tree(api.deleteServer(id));
            String label = answered.has("name") ? ServerStates.label(answered) : "server " + id;
            if (wait.wait) {
                states.watch(label, id, wait, err(), environment().ticker())
                        .untilGone(states.settlesIn(null, id), answered.has("status") ? answered : null);
            } else if (!out().quiet()) {
                err().println(label + ": deletion requested");
            }
            if (out().quiet()) {
                environment().out().println(id);
            }
        }
        return 0;
    }
}
