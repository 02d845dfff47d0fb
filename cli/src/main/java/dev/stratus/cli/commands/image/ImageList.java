package dev.stratus.cli.commands.image;

import dev.stratus.cli.api.Pages;
import dev.stratus.cli.commands.ApiCommand;
import dev.stratus.client.api.ImagesApi;
import dev.stratus.client.model.ImageView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "list", description = "List the images the project sees (its own, shared with it, public).")
final class ImageList extends ApiCommand implements Callable<Integer> {
    @Option(names = "--name", description = "Only images of this name.")
    String name;
    @Option(names = "--status", description = "queued, saving, active, killed or deactivated.")
    String status;
    @Option(names = "--visibility", description = "private, shared or public.")
    String visibility;
    @Option(names = "--disk-format", description = "qcow2, raw, iso, aki, ari or vmdk.")
    String diskFormat;
    @Option(names = "--tag", description = "Only images with this tag.")
    String tag;
    @Option(names = "--limit", description = "One page of at most this many images.")
    Integer limit;
    @Option(names = "--marker", description = "Start after this image id.")
    String marker;

    @Override
    public Integer call() throws Exception {
        ImagesApi api = api(ImagesApi::new);
        List<ImageView> images = Pages.all(next -> {
            var page = api.listImages(name, status, visibility, diskFormat, null, tag, null, null, null, null, null,
                    limit, next, null, null);
            return new Pages.Page<>(page.getImages(), page.getNext());
        }, ImageView::getId, limit, marker);
        out().list(images, ImageCommand.COLUMNS);
        return 0;
    }
}
