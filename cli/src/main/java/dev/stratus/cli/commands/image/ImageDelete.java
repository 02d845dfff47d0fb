package dev.stratus.cli.commands.image;

import dev.stratus.cli.commands.ApiCommand;
import dev.stratus.client.api.ImagesApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "delete", description = "Delete images (409 while protected or booting a server).")
final class ImageDelete extends ApiCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Names or ids.")
    List<String> images;

    @Override
    public Integer call() throws Exception {
        ImagesApi api = api(ImagesApi::new);
        ImageStates states = new ImageStates(api, session().mapper());
        for (String image : images) {
            String id = states.id(image);
            api.deleteImage(id);
            if (out().quiet()) {
                environment().out().println(id);
            } else {
                err().println("image " + image + ": deleted");
            }
        }
        return 0;
    }
}
