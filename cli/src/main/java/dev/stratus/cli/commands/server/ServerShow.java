package dev.stratus.cli.commands.server;

import dev.stratus.cli.commands.ApiCommand;
import dev.stratus.client.api.ServersApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "show", description = "Show a server: status, task, flavor, image, addresses, fault...")
final class ServerShow extends ApiCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SERVER", description = "The server's name or id.")
    String server;

    @Override
    public Integer call() throws Exception {
        ServersApi api = api(ServersApi::new);
        String id = new ServerStates(api, session().mapper()).id(server);
        out().show(api.getServer(id));
        return 0;
    }
}
