package dev.stratus.cli.commands;

import dev.stratus.cli.CliFailure;
import dev.stratus.cli.api.Lookup;
import dev.stratus.cli.api.Pages;
import dev.stratus.cli.output.Column;
import dev.stratus.client.api.FloatingIpsApi;
import dev.stratus.client.api.PortsApi;
import dev.stratus.client.api.ServersApi;
import dev.stratus.client.model.CreateFloatingIpRequest;
import dev.stratus.client.model.UpdateFloatingIpRequest;
import dev.stratus.client.model.FloatingIpView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code stratus floating-ip <verb>}: external addresses mapped to a server's port (DNAT in its router). */
@Command(name = "floating-ip", aliases = "fip", description = "Floating IPs: list, show, create, delete, "
        + "associate, disassociate.")
public final class FloatingIpCommand extends ApiCommand {
    private static final List<Column> COLUMNS = List.of(Column.of("ID", "id"),
            Column.of("ADDRESS", "floating_ip_address"), Column.of("FIXED IP", "fixed_ip_address"),
            Column.of("PORT", "port_id"), Column.of("STATUS", "status"));

    @Command(name = "list", description = "List the project's floating IPs.")
    int list(@Option(names = "--server", description = "Only those of this server (name or id).") String server)
            throws Exception {
        FloatingIpsApi api = api(FloatingIpsApi::new);
        String device = server == null ? null : serverId(server);
        List<FloatingIpView> ips = Pages.all(marker -> {
            var page = api.listFloatingIps(null, null, null, null, null, device, null, null, marker, null, null);
            return new Pages.Page<>(page.getFloatingIps(), page.getNext());
        }, FloatingIpView::getId, null, null);
        out().list(ips, COLUMNS);
        return 0;
    }

    @Command(name = "show", description = "Show a floating IP.")
    int show(@Parameters(paramLabel = "FLOATING_IP", description = "Id or address.") String ip) throws Exception {
        out().show(api(FloatingIpsApi::new).getFloatingIp(id(ip)));
        return 0;
    }

    @Command(name = "create", description = "Allocate a floating IP on an external network, optionally mapped to a "
            + "server's port at once.")
    int create(@Option(names = "--network", paramLabel = "NETWORK", description = "The external network (default: "
                       + "STRATUS_EXTERNAL_NETWORK, which ./stratus up writes to dev.env).") String network,
               @Option(names = "--server", description = "Map it to this server's first port.") String server,
               @Option(names = "--port", description = "Map it to this port (id).") String port,
               @Option(names = "--description", description = "A description.") String description)
            throws Exception {
        String external = network != null ? network : root().settings().get("STRATUS_EXTERNAL_NETWORK");
        if (external == null) {
            throw CliFailure.usage("which external network? --network NETWORK (stratus network list --external)");
        }
        Map<String, Object> body = new HashMap<>();
        body.put("floating_network_id", NetworkRefs.id(session(), external));
        String portId = port != null ? port : server != null ? portOf(server) : null;
        if (portId != null) {
            body.put("port_id", portId);
        }
        if (description != null) {
            body.put("description", description);
        }
        CreateFloatingIpRequest request = session().mapper().convertValue(body, CreateFloatingIpRequest.class);
        out().show(api(FloatingIpsApi::new).createFloatingIp(request, idempotencyKey()));
        return 0;
    }

    @Command(name = "associate", description = "Map a floating IP to a server's port (or a given port).")
    int associate(@Parameters(paramLabel = "FLOATING_IP", description = "Id or address.") String ip,
                  @Option(names = "--server", description = "The server (its first port).") String server,
                  @Option(names = "--port", description = "The port (id).") String port) throws Exception {
        if ((server == null) == (port == null)) {
            throw CliFailure.usage("give --server or --port (one of them)");
        }
        return update(ip, port != null ? port : portOf(server));
    }

    @Command(name = "disassociate", description = "Unmap a floating IP (it stays allocated).")
    int disassociate(@Parameters(paramLabel = "FLOATING_IP", description = "Id or address.") String ip)
            throws Exception {
        return update(ip, null);
    }

    @Command(name = "delete", description = "Release floating IPs.")
    int delete(@Parameters(arity = "1..*", paramLabel = "FLOATING_IP", description = "Ids or addresses.")
               List<String> ips) throws Exception {
        FloatingIpsApi api = api(FloatingIpsApi::new);
        for (String ip : ips) {
            api.deleteFloatingIp(id(ip));
            Deletions.done(this, "floating IP", ip);
        }
        return 0;
    }

    private int update(String ip, String portId) throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("port_id", portId);
        UpdateFloatingIpRequest request = session().mapper().convertValue(body, UpdateFloatingIpRequest.class);
        out().show(api(FloatingIpsApi::new).updateFloatingIp(id(ip), request));
        return 0;
    }

    /** A floating IP by id or by address. */
    private String id(String ip) throws Exception {
        if (Lookup.isId(ip)) {
            return ip;
        }
        FloatingIpsApi api = api(FloatingIpsApi::new);
        return Lookup.id("floating IP", ip, address -> api.listFloatingIps(null, address, null, null, null, null,
                null, null, null, null, null).getFloatingIps().stream().map(f -> String.valueOf(f.getId())).toList());
    }

    private String serverId(String server) throws Exception {
        ServersApi api = api(ServersApi::new);
        return Lookup.id("server", server, name -> api.listServers(null, name, null, null, null, null, null, null,
                null, null, null, null, null).getServers().stream().map(s -> String.valueOf(s.getId())).toList());
    }

    private String portOf(String server) throws Exception {
        String id = serverId(server);
        var ports = api(PortsApi::new).listPorts(null, id, null, null, null, null, null, null, null, null, null,
                null, null, null).getPorts();
        if (ports.isEmpty()) {
            throw CliFailure.api("server " + server + " has no port yet");
        }
        return String.valueOf(ports.get(0).getId());
    }
}
