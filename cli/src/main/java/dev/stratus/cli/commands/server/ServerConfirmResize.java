package dev.stratus.cli.commands.server;

import dev.stratus.client.ApiException;
import dev.stratus.client.api.ServersApi;
import picocli.CommandLine.Command;

@Command(name = "confirm-resize", description = "Confirm a resize (the old disk is dropped).")
final class ServerConfirmResize extends ServerAction {
    @Override
    String endsIn() {
        return null; // ACTIVE, or STOPPED for a server resized while stopped
    }

    @Override
    Object act(ServersApi api, String id) throws ApiException {
        return api.confirmServerResize(id);
    }
}
