package dev.stratus.cli.commands.server;

import dev.stratus.client.ApiException;
import dev.stratus.client.api.ServersApi;
import picocli.CommandLine.Command;

@Command(name = "start", description = "Start a stopped server. Ends ACTIVE.")
final class ServerStart extends ServerAction {
    @Override
    String endsIn() {
        return "ACTIVE";
    }

    @Override
    Object act(ServersApi api, String id) throws ApiException {
        return api.startServer(id);
    }
}
