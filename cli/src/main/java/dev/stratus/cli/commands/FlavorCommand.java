package dev.stratus.cli.commands;

import dev.stratus.cli.output.Column;
import dev.stratus.client.api.FlavorsApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code stratus flavor list|show}: the sizes a server can have. */
@Command(name = "flavor", description = "Flavors: the sizes a server can have.")
public final class FlavorCommand extends ApiCommand {
    private static final List<Column> COLUMNS = List.of(Column.of("ID", "id"), Column.of("NAME", "name"),
            Column.of("VCPUS", "vcpus"), Column.of("RAM MB", "ram_mb"), Column.of("DISK GB", "disk_gb"),
            Column.of("CPU QUOTA %", "cpu_quota_percent"));

    @Command(name = "list", description = "List the flavors.")
    int list() throws Exception {
        out().list(api(FlavorsApi::new).listFlavors().getFlavors(), COLUMNS);
        return 0;
    }

    @Command(name = "show", description = "Show a flavor.")
    int show(@Parameters(paramLabel = "FLAVOR", description = "Name or id.") String flavor) throws Exception {
        out().show(api(FlavorsApi::new).getFlavor(flavor));
        return 0;
    }
}
