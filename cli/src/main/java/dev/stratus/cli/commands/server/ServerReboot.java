package dev.stratus.cli.commands.server;

import dev.stratus.client.ApiException;
import dev.stratus.client.api.ServersApi;
import dev.stratus.client.model.RebootOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "reboot", description = "Reboot a server (soft: ACPI; --hard: a reset). Ends ACTIVE.")
final class ServerReboot extends ServerAction {
    @Option(names = "--hard", description = "A reset, not an ACPI reboot (also from STOPPED or PAUSED).")
    boolean hard;

    @Override
    String endsIn() {
        return "ACTIVE";
    }

    @Override
    Object act(ServersApi api, String id) throws ApiException {
        return api.rebootServer(id, new RebootOptions().type(hard ? RebootOptions.TypeEnum.HARD
                : RebootOptions.TypeEnum.SOFT));
    }
}
