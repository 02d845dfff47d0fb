package dev.stratus.cli.commands.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.cli.WaitOptions;
import dev.stratus.cli.commands.ApiCommand;
import dev.stratus.cli.commands.image.ImageStates;
import dev.stratus.client.api.ImagesApi;
import dev.stratus.client.api.ServersApi;
import dev.stratus.client.model.SnapshotRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "snapshot", description = "Save a server's disk as a new image; --wait until the image is active.")
final class ServerSnapshot extends ApiCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SERVER", description = "The server's name or id.")
    String server;

    @Option(names = "--name", required = true, description = "The new image's name.")
    String name;

    @Mixin
    WaitOptions wait;

    @Override
    public Integer call() throws Exception {
        ServersApi api = api(ServersApi::new);
        String id = new ServerStates(api, session().mapper()).id(server);
        JsonNode accepted = session().mapper().valueToTree(
                api.snapshotServer(id, new SnapshotRequest().name(name), idempotencyKey()));
        String imageId = accepted.path("image_id").asText();
        if (!wait.wait) {
            out().show(accepted);
            return 0;
        }
        ImageStates images = new ImageStates(api(ImagesApi::new), session().mapper());
        JsonNode image = images.watch("image " + name, imageId, wait, err(), environment().ticker())
                .until(ImageStates.ACTIVE);
        out().show(image);
        return 0;
    }
}
