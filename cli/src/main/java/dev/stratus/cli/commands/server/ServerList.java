package dev.stratus.cli.commands.server;

import dev.stratus.cli.api.Pages;
import dev.stratus.cli.commands.ApiCommand;
import dev.stratus.client.api.ServersApi;
import dev.stratus.client.model.ServerView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "list", description = "List the project's servers (every page, unless --limit).")
final class ServerList extends ApiCommand implements Callable<Integer> {
    @Option(names = "--status", description = "Only servers in this status (ACTIVE, STOPPED, ERROR...).")
    String status;
    @Option(names = "--name", description = "Only servers of this name.")
    String name;
    @Option(names = "--image", description = "Only servers of this image (id).")
    String image;
    @Option(names = "--flavor", description = "Only servers of this flavor.")
    String flavor;
    @Option(names = "--ip", description = "Only servers with this fixed IP address.")
    String ip;
    @Option(names = "--tag", description = "Only servers with this tag.")
    String tag;
    @Option(names = "--host", description = "Only servers on this compute host (administrators).")
    String host;
    @Option(names = "--limit", description = "One page of at most this many servers.")
    Integer limit;
    @Option(names = "--marker", description = "Start after this server id (the previous page's last).")
    String marker;
    @Option(names = "--sort", paramLabel = "KEY[:asc|desc]", description = "Sort key (created_at, updated_at, name...).")
    String sort;

    @Override
    public Integer call() throws Exception {
        ServersApi api = api(ServersApi::new);
        String key = sort == null ? null : sort.split(":")[0];
        String dir = sort != null && sort.contains(":") ? sort.split(":", 2)[1] : null;
        List<ServerView> servers = Pages.all(next -> {
            var page = api.listServers(status, name, image, flavor, ip, null, tag, null, host, limit, next, key, dir);
            return new Pages.Page<>(page.getServers(), page.getNext());
        }, ServerView::getId, limit, marker);
        out().list(servers, ServerCommand.COLUMNS);
        return 0;
    }
}
