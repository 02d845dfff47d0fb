package dev.stratus.cli.commands.server;

import dev.stratus.client.ApiException;
import dev.stratus.client.api.ServersApi;
import picocli.CommandLine.Command;

@Command(name = "suspend", description = "Suspend a server (its memory saved on the host). Ends SUSPENDED.")
final class ServerSuspend extends ServerAction {
    @Override
    String endsIn() {
        return "SUSPENDED";
    }

    @Override
    Object act(ServersApi api, String id) throws ApiException {
        return api.suspendServer(id);
    }
}
