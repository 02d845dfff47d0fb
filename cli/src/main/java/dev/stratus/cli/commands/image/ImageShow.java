package dev.stratus.cli.commands.image;

import dev.stratus.cli.commands.ApiCommand;
import dev.stratus.client.api.ImagesApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "show", description = "Show an image: status, formats, size, checksums, properties...")
final class ImageShow extends ApiCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image's name or id.")
    String image;

    @Override
    public Integer call() throws Exception {
        ImagesApi api = api(ImagesApi::new);
        out().show(api.getImage(new ImageStates(api, session().mapper()).id(image)));
        return 0;
    }
}
