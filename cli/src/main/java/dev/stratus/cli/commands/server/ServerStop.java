package dev.stratus.cli.commands.server;

import dev.stratus.client.ApiException;
import dev.stratus.client.api.ServersApi;
import dev.stratus.client.model.StopOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "stop", description = "Stop a server (an ACPI shutdown; --force powers it off). Ends STOPPED.")
final class ServerStop extends ServerAction {
    @Option(names = "--force", description = "Power off at once, without the ACPI shutdown.")
    boolean force;

    @Override
    String endsIn() {
        return "STOPPED";
    }

    @Override
    Object act(ServersApi api, String id) throws ApiException {
        return api.stopServer(id, new StopOptions().force(force));
    }
}
