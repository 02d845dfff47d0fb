package dev.stratus.cli.commands.server;

import dev.stratus.cli.output.Column;
import dev.stratus.cli.output.Values;
import picocli.CommandLine.Command;

import java.util.List;

/** {@code stratus server <verb>}. */
@Command(name = "server", description = "Servers: list, show, create, delete, power actions, resize, rebuild, "
        + "console, ssh, action history.",
        subcommands = {ServerList.class, ServerShow.class, ServerCreate.class, ServerDelete.class, ServerStop.class,
                ServerStart.class, ServerReboot.class, ServerPause.class, ServerUnpause.class, ServerSuspend.class,
                ServerResume.class, ServerResize.class, ServerConfirmResize.class, ServerRevertResize.class,
                ServerRebuild.class, ServerSnapshot.class, ServerConsole.class, ServerSsh.class,
                ServerActions.class})
public final class ServerCommand extends dev.stratus.cli.commands.ApiCommand {
    /** The columns of {@code server list}. */
    static final List<Column> COLUMNS = List.of(
            Column.of("ID", "id"),
            Column.of("NAME", "name"),
            Column.of("STATUS", "status"),
            Column.of("TASK", "task_state"),
            Column.of("FLAVOR", "flavor.id"),
            Column.of("IMAGE", "image.id"),
            Column.of("ADDRESSES", "addresses", row -> Values.addresses(row.path("addresses"))));
}
