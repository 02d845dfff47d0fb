package dev.stratus.cli.commands.server;

import dev.stratus.client.ApiException;
import dev.stratus.client.api.ServersApi;
import picocli.CommandLine.Command;

@Command(name = "revert-resize", description = "Revert a resize (the old flavor and disk back).")
final class ServerRevertResize extends ServerAction {
    @Override
    String endsIn() {
        return null; // ACTIVE, or STOPPED for a server resized while stopped
    }

    @Override
    Object act(ServersApi api, String id) throws ApiException {
        return api.revertServerResize(id);
    }
}
