package dev.stratus.cli.commands.server;

import dev.stratus.client.ApiException;
import dev.stratus.client.api.ServersApi;
import dev.stratus.client.model.RebuildOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "rebuild", description = "Give a server a new root disk from an image (same id, ports and "
        + "addresses). Ends in the state it had (ACTIVE or STOPPED).")
final class ServerRebuild extends ServerAction {
    @Option(names = "--image", paramLabel = "IMAGE", description = "The image (default: the server's own).")
    String image;

    @Override
    String endsIn() {
        return null;
    }

    @Override
    Object act(ServersApi api, String id) throws ApiException {
        RebuildOptions options = new RebuildOptions();
        if (image != null) {
            options.image(image);
        }
        return api.rebuildServer(id, options);
    }
}
