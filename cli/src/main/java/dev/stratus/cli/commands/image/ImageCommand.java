package dev.stratus.cli.commands.image;

import dev.stratus.cli.output.Column;
import dev.stratus.cli.output.Values;
import dev.stratus.cli.transfer.Bytes;
import picocli.CommandLine.Command;

import java.util.List;

/** {@code stratus image <verb>}. */
@Command(name = "image", description = "Images: list, show, upload (with progress and checksum), download, delete.",
        subcommands = {ImageList.class, ImageShow.class, ImageUpload.class, ImageDownload.class, ImageDelete.class})
public final class ImageCommand extends dev.stratus.cli.commands.ApiCommand {
    static final List<Column> COLUMNS = List.of(
            Column.of("ID", "id"),
            Column.of("NAME", "name"),
            Column.of("STATUS", "status"),
            Column.of("DISK FORMAT", "disk_format"),
            Column.of("SIZE", "size", row -> row.path("size").isNumber()
                    ? Bytes.size(row.path("size").asLong()) : Values.text(row.path("size"))),
            Column.of("VISIBILITY", "visibility"));
}
