package dev.stratus.cli.commands;

import dev.stratus.cli.api.Pages;
import dev.stratus.cli.output.Column;
import dev.stratus.client.api.SubnetsApi;
import dev.stratus.client.model.CreateSubnetRequest;
import dev.stratus.client.model.SubnetView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code stratus subnet <verb>}: address ranges of a network (IPAM, DHCP). */
@Command(name = "subnet", description = "Subnets: list, show, create, delete.")
public final class SubnetCommand extends ApiCommand {
    private static final List<Column> COLUMNS = List.of(Column.of("ID", "id"), Column.of("NAME", "name"),
            Column.of("NETWORK", "network_id"), Column.of("CIDR", "cidr"), Column.of("GATEWAY", "gateway_ip"),
            Column.of("DHCP", "enable_dhcp"));

    @Command(name = "list", description = "List subnets.")
    int list(@Option(names = "--network", description = "Only this network's (name or id).") String network,
             @Option(names = "--name", description = "Only subnets of this name.") String name) throws Exception {
        SubnetsApi api = api(SubnetsApi::new);
        String networkId = network == null ? null : NetworkRefs.id(session(), network);
        List<SubnetView> subnets = Pages.all(marker -> {
            var page = api.listSubnets(networkId, name, null, null, null, null, null, null, marker, null, null);
            return new Pages.Page<>(page.getSubnets(), page.getNext());
        }, SubnetView::getId, null, null);
        out().list(subnets, COLUMNS);
        return 0;
    }

    @Command(name = "show", description = "Show a subnet.")
    int show(@Parameters(paramLabel = "SUBNET", description = "Name or id.") String subnet) throws Exception {
        out().show(api(SubnetsApi::new).getSubnet(NetworkRefs.subnet(session(), subnet)));
        return 0;
    }

    @Command(name = "create", description = "Create a subnet on a network.")
    int create(@Parameters(paramLabel = "NAME") String name,
               @Option(names = "--network", required = true, description = "The network (name or id).")
               String network,
               @Option(names = "--cidr", required = true, description = "e.g. 10.0.5.0/24.") String cidr,
               @Option(names = "--gateway", paramLabel = "IP", description = "The gateway (default: the first "
                       + "address).") String gateway,
               @Option(names = "--dns", paramLabel = "IP", description = "A DNS server (repeatable).")
               List<String> dns,
               @Option(names = "--no-dhcp", description = "No DHCP on it.") boolean noDhcp) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("network_id", NetworkRefs.id(session(), network));
        body.put("cidr", cidr);
        if (gateway != null) {
            body.put("gateway_ip", gateway);
        }
        if (dns != null && !dns.isEmpty()) {
            body.put("dns_nameservers", new ArrayList<>(dns));
        }
        if (noDhcp) {
            body.put("enable_dhcp", false);
        }
        CreateSubnetRequest request = session().mapper().convertValue(body, CreateSubnetRequest.class);
        out().show(api(SubnetsApi::new).createSubnet(request, idempotencyKey()));
        return 0;
    }

    @Command(name = "delete", description = "Delete subnets.")
    int delete(@Parameters(arity = "1..*", paramLabel = "SUBNET", description = "Names or ids.")
               List<String> subnets) throws Exception {
        SubnetsApi api = api(SubnetsApi::new);
        for (String subnet : subnets) {
            api.deleteSubnet(NetworkRefs.subnet(session(), subnet));
            Deletions.done(this, "subnet", subnet);
        }
        return 0;
    }
}
