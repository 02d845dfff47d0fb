package dev.stratus.cli.commands;

import dev.stratus.cli.CliFailure;
import dev.stratus.cli.api.Pages;
import dev.stratus.cli.output.Column;
import dev.stratus.client.api.RoutersApi;
import dev.stratus.client.model.CreateRouterRequest;
import dev.stratus.client.model.InterfaceRequest;
import dev.stratus.client.model.RouterView;
import dev.stratus.client.model.UpdateRouterRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code stratus router <verb>}: routers join subnets to an external network (a {@code qrouter-<id>} namespace:
 * routing, SNAT, floating IPs); {@code router gateway set|clear}, {@code router interface add|remove}.
 */
@Command(name = "router", description = "Routers: list, show, create, delete; gateway set|clear; interface "
        + "add|remove.", subcommands = {RouterCommand.Gateway.class, RouterCommand.Interface.class})
public final class RouterCommand extends ApiCommand {
    private static final List<Column> COLUMNS = List.of(Column.of("ID", "id"), Column.of("NAME", "name"),
            Column.of("STATUS", "status"), Column.of("GATEWAY", "external_gateway_info.network_id"),
            Column.of("EXTERNAL IPS", "external_gateway_info.external_fixed_ips",
                    row -> String.join(", ", row.path("external_gateway_info").path("external_fixed_ips")
                            .findValuesAsText("ip_address"))));

    @Command(name = "list", description = "List routers.")
    int list(@Option(names = "--name", description = "Only routers of this name.") String name) throws Exception {
        RoutersApi api = api(RoutersApi::new);
        List<RouterView> routers = Pages.all(marker -> {
            var page = api.listRouters(name, null, null, null, marker, null, null);
            return new Pages.Page<>(page.getRouters(), page.getNext());
        }, RouterView::getId, null, null);
        out().list(routers, COLUMNS);
        return 0;
    }

    @Command(name = "show", description = "Show a router.")
    int show(@Parameters(paramLabel = "ROUTER", description = "Name or id.") String router) throws Exception {
        out().show(api(RoutersApi::new).getRouter(NetworkRefs.router(session(), router)));
        return 0;
    }

    @Command(name = "create", description = "Create a router, optionally with its gateway on an external network.")
    int create(@Parameters(paramLabel = "NAME") String name,
               @Option(names = "--external-gateway", paramLabel = "NETWORK", description = "The external network "
                       + "(name or id) for its gateway.") String external) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        if (external != null) {
            body.put("external_gateway_info", Map.of("network_id", NetworkRefs.id(session(), external)));
        }
        CreateRouterRequest request = session().mapper().convertValue(body, CreateRouterRequest.class);
        out().show(api(RoutersApi::new).createRouter(request, idempotencyKey()));
        return 0;
    }

    @Command(name = "delete", description = "Delete routers (their interfaces first: router interface remove).")
    int delete(@Parameters(arity = "1..*", paramLabel = "ROUTER", description = "Names or ids.")
               List<String> routers) throws Exception {
        RoutersApi api = api(RoutersApi::new);
        for (String router : routers) {
            api.deleteRouter(NetworkRefs.router(session(), router));
            Deletions.done(this, "router", router);
        }
        return 0;
    }

    /** {@code router gateway set|clear}. */
    @Command(name = "gateway", description = "A router's gateway to an external network: set or clear.")
    public static final class Gateway extends ApiCommand {
        @Command(name = "set", description = "Give the router its gateway on an external network.")
        int set(@Parameters(index = "0", paramLabel = "ROUTER") String router,
                @Parameters(index = "1", paramLabel = "NETWORK", description = "The external network.")
                String network) throws Exception {
            return update(router, Map.of("network_id", NetworkRefs.id(session(), network)));
        }

        @Command(name = "clear", description = "Remove the router's gateway.")
        int clear(@Parameters(paramLabel = "ROUTER") String router) throws Exception {
            return update(router, null);
        }

        private int update(String router, Map<String, Object> gateway) throws Exception {
            Map<String, Object> body = new HashMap<>();
            body.put("external_gateway_info", gateway);
            UpdateRouterRequest request = session().mapper().convertValue(body, UpdateRouterRequest.class);
            out().show(api(RoutersApi::new).updateRouter(NetworkRefs.router(session(), router), request));
            return 0;
        }
    }

    /** {@code router interface add|remove}. */
    @Command(name = "interface", description = "A router's interfaces on subnets: add or remove.")
    public static final class Interface extends ApiCommand {
        @Command(name = "add", description = "Join a subnet (or a port) to the router.")
        int add(@Parameters(paramLabel = "ROUTER") String router,
                @Option(names = "--subnet", description = "The subnet (name or id).") String subnet,
                @Option(names = "--port", description = "A port (id) instead.") String port) throws Exception {
            out().show(api(RoutersApi::new).addRouterInterface(NetworkRefs.router(session(), router),
                    request(subnet, port)));
            return 0;
        }

        @Command(name = "remove", description = "Take a subnet (or a port) off the router.")
        int remove(@Parameters(paramLabel = "ROUTER") String router,
                   @Option(names = "--subnet", description = "The subnet (name or id).") String subnet,
                   @Option(names = "--port", description = "A port (id) instead.") String port) throws Exception {
            out().show(api(RoutersApi::new).removeRouterInterface(NetworkRefs.router(session(), router),
                    request(subnet, port)));
            return 0;
        }

        private InterfaceRequest request(String subnet, String port) throws Exception {
            if ((subnet == null) == (port == null)) {
                throw CliFailure.usage("give --subnet or --port (one of them)");
            }
            Map<String, Object> body = new HashMap<>();
            if (subnet != null) {
                body.put("subnet_id", NetworkRefs.subnet(session(), subnet));
            } else {
                body.put("port_id", port);
            }
            return session().mapper().convertValue(body, InterfaceRequest.class);
        }
    }
}
