package dev.stratus.cli.commands.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.client.ApiException;
import dev.stratus.client.api.ServersApi;
import dev.stratus.client.model.ResizeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "resize", description = "Give a server another flavor (same host, the disk grows). Ends "
        + "VERIFY_RESIZE until `server confirm-resize` or `server revert-resize`; --confirm confirms at once.")
final class ServerResize extends ServerAction {
    @Option(names = "--flavor", required = true, paramLabel = "FLAVOR", description = "The new flavor.")
    String flavor;

    @Option(names = "--confirm", description = "With --wait: confirm the resize once it is done (ends ACTIVE, or STOPPED).")
    boolean confirm;

    @Override
    String endsIn() {
        return "VERIFY_RESIZE";
    }

    @Override
    Object act(ServersApi api, String id) throws ApiException {
        return api.resizeServer(id, new ResizeOptions().flavor(flavor));
    }

    @Override
    public Integer call() throws Exception {
        if (confirm && !wait.wait) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--confirm needs --wait");
        }
        int code = super.call();
        if (confirm) {
            ServersApi api = api(ServersApi::new);
            ServerStates states = new ServerStates(api, session().mapper());
            String id = states.id(server);
            JsonNode view = states.tree(api.confirmServerResize(id));
            view = states.watch(ServerStates.label(view), id, wait, err(), environment().ticker())
                    .until(states.settlesIn(null, id), view);
            out().show(view);
        }
        return code;
    }
}
