package dev.stratus.cli.commands.server;

import dev.stratus.client.ApiException;
import dev.stratus.client.api.ServersApi;
import picocli.CommandLine.Command;

@Command(name = "pause", description = "Pause a server (its vCPUs stop; memory stays). Ends PAUSED.")
final class ServerPause extends ServerAction {
    @Override
    String endsIn() {
        return "PAUSED";
    }

    @Override
    Object act(ServersApi api, String id) throws ApiException {
        return api.pauseServer(id);
    }
}
