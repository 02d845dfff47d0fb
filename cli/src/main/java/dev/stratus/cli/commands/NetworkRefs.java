package dev.stratus.cli.commands;

import dev.stratus.cli.api.Lookup;
import dev.stratus.cli.api.Pages;
import dev.stratus.cli.api.Session;
import dev.stratus.client.ApiException;
import dev.stratus.client.api.NetworksApi;
import dev.stratus.client.api.SecurityGroupsApi;
import dev.stratus.client.api.SubnetsApi;
import dev.stratus.client.api.RoutersApi;
import dev.stratus.client.model.NetworkView;
import dev.stratus.client.model.RouterView;
import dev.stratus.client.model.SecurityGroupView;
import dev.stratus.client.model.SubnetView;

/** Network-side resources by name or id: networks, subnets, routers, security groups. */
public final class NetworkRefs {
    private NetworkRefs() {
    }

    public static String id(Session session, String network) throws ApiException {
        NetworksApi api = session.api(NetworksApi::new);
        return Lookup.id("network", network, name -> Pages.all(marker -> {
            var page = api.listNetworks(name, null, null, null, null, null, null, null, null, marker, null, null);
            return new Pages.Page<>(page.getNetworks(), page.getNext());
        }, NetworkView::getId, null, null).stream().map(n -> String.valueOf(n.getId())).toList());
    }

    public static String subnet(Session session, String subnet) throws ApiException {
        SubnetsApi api = session.api(SubnetsApi::new);
        return Lookup.id("subnet", subnet, name -> Pages.all(marker -> {
            var page = api.listSubnets(null, name, null, null, null, null, null, null, marker, null, null);
            return new Pages.Page<>(page.getSubnets(), page.getNext());
        }, SubnetView::getId, null, null).stream().map(s -> String.valueOf(s.getId())).toList());
    }

    public static String router(Session session, String router) throws ApiException {
        RoutersApi api = session.api(RoutersApi::new);
        return Lookup.id("router", router, name -> Pages.all(marker -> {
            var page = api.listRouters(name, null, null, null, marker, null, null);
            return new Pages.Page<>(page.getRouters(), page.getNext());
        }, RouterView::getId, null, null).stream().map(r -> String.valueOf(r.getId())).toList());
    }

    public static String securityGroup(Session session, String group) throws ApiException {
        SecurityGroupsApi api = session.api(SecurityGroupsApi::new);
        return Lookup.id("security group", group, name -> Pages.all(marker -> {
            var page = api.listSecurityGroups(name, null, null, marker, null, null);
            return new Pages.Page<>(page.getSecurityGroups(), page.getNext());
        }, SecurityGroupView::getId, null, null).stream().map(g -> String.valueOf(g.getId())).toList());
    }
}
