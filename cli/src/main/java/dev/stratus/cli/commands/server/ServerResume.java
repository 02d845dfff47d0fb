package dev.stratus.cli.commands.server;

import dev.stratus.client.ApiException;
import dev.stratus.client.api.ServersApi;
import picocli.CommandLine.Command;

@Command(name = "resume", description = "Resume a suspended server. Ends ACTIVE.")
final class ServerResume extends ServerAction {
    @Override
    String endsIn() {
        return "ACTIVE";
    }

    @Override
    Object act(ServersApi api, String id) throws ApiException {
        return api.resumeServer(id);
    }
}
