package dev.stratus.cli.commands;

import dev.stratus.cli.api.Pages;
import dev.stratus.cli.output.Column;
import dev.stratus.client.api.NetworksApi;
import dev.stratus.client.model.CreateNetworkRequest;
import dev.stratus.client.model.NetworkView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code stratus network <verb>}: tenant networks (a bridge and a DHCP namespace each) and the external one. */
@Command(name = "network", description = "Networks: list, show, create, delete.")
public final class NetworkCommand extends ApiCommand {
    private static final List<Column> COLUMNS = List.of(Column.of("ID", "id"), Column.of("NAME", "name"),
            Column.of("STATUS", "status"), Column.of("SUBNETS", "subnets"), Column.of("SHARED", "shared"),
            Column.of("EXTERNAL", "router:external"));

    @Command(name = "list", description = "List the networks the project sees.")
    int list(@Option(names = "--name", description = "Only networks of this name.") String name,
             @Option(names = "--external", description = "Only external networks.") boolean external)
            throws Exception {
        NetworksApi api = api(NetworksApi::new);
        List<NetworkView> networks = Pages.all(marker -> {
            var page = api.listNetworks(name, null, null, external ? Boolean.TRUE : null, null, null, null, null,
                    null, marker, null, null);
            return new Pages.Page<>(page.getNetworks(), page.getNext());
        }, NetworkView::getId, null, null);
        out().list(networks, COLUMNS);
        return 0;
    }

    @Command(name = "show", description = "Show a network.")
    int show(@Parameters(paramLabel = "NETWORK", description = "Name or id.") String network) throws Exception {
        out().show(api(NetworksApi::new).getNetwork(NetworkRefs.id(session(), network)));
        return 0;
    }

    @Command(name = "create", description = "Create a network (--cidr also makes its subnet).")
    int create(@Parameters(paramLabel = "NAME") String name,
               @Option(names = "--cidr", description = "A subnet for it at once, e.g. 10.0.5.0/24.") String cidr,
               @Option(names = "--mtu", description = "The MTU.") Integer mtu,
               @Option(names = "--shared", description = "Visible to every project (administrators).") boolean shared,
               @Option(names = "--external", description = "An external network (administrators).")
               boolean external) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        if (cidr != null) {
            body.put("cidr", cidr);
        }
        if (mtu != null) {
            body.put("mtu", mtu);
        }
        if (shared) {
            body.put("shared", true);
        }
        if (external) {
            body.put("router:external", true);
        }
        CreateNetworkRequest request = session().mapper().convertValue(body, CreateNetworkRequest.class);
        out().show(api(NetworksApi::new).createNetwork(request, idempotencyKey()));
        return 0;
    }

    @Command(name = "delete", description = "Delete networks (409 while ports use them).")
    int delete(@Parameters(arity = "1..*", paramLabel = "NETWORK", description = "Names or ids.")
               List<String> networks) throws Exception {
        NetworksApi api = api(NetworksApi::new);
        for (String network : networks) {
            api.deleteNetwork(NetworkRefs.id(session(), network));
            Deletions.done(this, "network", network);
        }
        return 0;
    }
}
