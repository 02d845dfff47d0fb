package dev.stratus.network.service;

import dev.stratus.network.model.FloatingIp;
import dev.stratus.network.model.Network;
import dev.stratus.network.model.NetworkStatus;
import dev.stratus.network.model.Port;
import dev.stratus.network.model.PortStatus;
import dev.stratus.network.model.Router;
import dev.stratus.network.model.SecurityGroup;
import dev.stratus.network.model.SecurityGroupRule;
import dev.stratus.network.model.Subnet;
import dev.stratus.platform.paging.ListFilter;
import dev.stratus.platform.paging.ListPage;
import dev.stratus.platform.paging.ListQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every list route of network-service: which rows a caller may list (its project's, and shared networks and their
 * subnets), and the filters and sort keys of each, run by {@link ListQuery} (pagination, sorting, 400s). The
 * default order, creation time then id, is the order these lists always had.
 */
@ApplicationScoped
public class NetworkLists {
    static final ListQuery<Network> NETWORKS = ListQuery.builder(Network.class, "/v1/networks", (Network n) -> n.id)
            .sort("created_at", "e.createdAt").sort("name", "e.name").sort("status", "e.status")
            .sort("mtu", "e.mtu")
            .filter("name", ListFilter.text("e.name", "Networks of this name"))
            .filter("status", ListFilter.oneOf("e.status", NetworkStatus::valueOf, names(NetworkStatus.values()),
                    "Networks in this status"))
            .filter("shared", ListFilter.bool("e.shared", "Shared networks (true) or not (false)"))
            .filter("router:external", ListFilter.bool("e.routerExternal", "External networks (true) or not (false)"))
            .filter("admin_state_up", ListFilter.bool("e.adminStateUp", "Administratively up or down"))
            .filter("project_id", ListFilter.text("e.projectId", "Networks of this project (own or shared)"))
            .filter("cidr", ListFilter.text("e.cidr", "Networks of this address range"))
            .filter("mtu", ListFilter.integer("e.mtu", "Networks of this MTU"))
            .build();

    static final ListQuery<Subnet> SUBNETS = ListQuery.builder(Subnet.class, "/v1/subnets", (Subnet s) -> s.id)
            .sort("created_at", "e.createdAt").sort("name", "e.name").sort("cidr", "e.cidr")
            .filter("network_id", ListFilter.uuid("e.networkId", "Subnets of this network"))
            .filter("name", ListFilter.text("e.name", "Subnets of this name"))
            .filter("cidr", ListFilter.text("e.cidr", "Subnets of this address range"))
            .filter("gateway_ip", ListFilter.text("e.gatewayIp", "Subnets with this gateway address"))
            .filter("ip_version", ListFilter.integer("e.ipVersion", "4 (the only version for now)"))
            .filter("enable_dhcp", ListFilter.bool("e.enableDhcp", "Subnets with DHCP (true) or without (false)"))
            .filter("project_id", ListFilter.text("e.projectId", "Subnets of this project"))
            .build();

    static final ListQuery<Port> PORTS = ListQuery.builder(Port.class, "/v1/ports", (Port p) -> p.id)
            .sort("created_at", "e.createdAt").sort("name", "e.name").sort("status", "e.status")
            .sort("mac_address", "e.macAddress").sort("device_id", "e.deviceId")
            .filter("network_id", ListFilter.uuid("e.networkId", "Ports on this network"))
            .filter("device_id", ListFilter.text("e.deviceId", "Ports of this device, e.g. a server id; empty:"
                    + " unbound ports"))
            .filter("device_owner", ListFilter.text("e.deviceOwner", "Ports of this owner, e.g. compute:stratus"))
            .filter("status", ListFilter.oneOf("e.status", PortStatus::valueOf, names(PortStatus.values()),
                    "Ports in this status"))
            .filter("mac_address", ListFilter.text("e.macAddress", "The port of this MAC address"))
            .filter("name", ListFilter.text("e.name", "Ports of this name"))
            .filter("admin_state_up", ListFilter.bool("e.adminStateUp", "Administratively up or down"))
            .filter("ip_address", ListFilter.where("exists (select 1 from e.fixedIps f where f.ipAddress = :value)",
                    (p, v) -> v, "string", "Ports holding this fixed IP address"))
            .filter("subnet_id", ListFilter.where("exists (select 1 from e.fixedIps f where f.subnetId = :value)",
                    ListFilter::parseUuid, "string", "Ports with an address on this subnet"))
            .filter("security_group_id", ListFilter.where(":value member of e.securityGroupIds",
                    ListFilter::parseUuid, "string", "Ports in this security group").repeated())
            .build();

    static final ListQuery<SecurityGroup> SECURITY_GROUPS = ListQuery.builder(SecurityGroup.class,
                    "/v1/security-groups", (SecurityGroup g) -> g.id)
            .sort("created_at", "e.createdAt").sort("name", "e.name")
            .filter("name", ListFilter.text("e.name", "Groups of this name"))
            .filter("description", ListFilter.text("e.description", "Groups of this description"))
            .build();

    static final ListQuery<SecurityGroupRule> SECURITY_GROUP_RULES = ListQuery.builder(SecurityGroupRule.class,
                    "/v1/security-group-rules", (SecurityGroupRule r) -> r.id)
            .sort("created_at", "e.createdAt").sort("direction", "e.direction").sort("ethertype", "e.ethertype")
            .filter("security_group_id", ListFilter.uuid("e.securityGroupId", "Rules of this group"))
            .filter("direction", oneOf("e.direction", "ingress", "egress"))
            .filter("ethertype", oneOf("e.ethertype", "IPv4", "IPv6"))
            .filter("protocol", oneOf("e.protocol", "tcp", "udp", "icmp"))
            .filter("remote_group_id", ListFilter.uuid("e.remoteGroupId", "Rules admitting this group's members"))
            .filter("remote_ip_prefix", ListFilter.text("e.remoteIpPrefix", "Rules admitting this CIDR"))
            .filter("port_range_min", ListFilter.integer("e.portRangeMin", "Rules whose port range starts here"))
            .filter("port_range_max", ListFilter.integer("e.portRangeMax", "Rules whose port range ends here"))
            .build();

    static final ListQuery<Router> ROUTERS = ListQuery.builder(Router.class, "/v1/routers", (Router r) -> r.id)
            .sort("created_at", "e.createdAt").sort("name", "e.name")
            .filter("name", ListFilter.text("e.name", "Routers of this name"))
            .filter("admin_state_up", ListFilter.bool("e.adminStateUp", "Administratively up or down"))
            .filter("external_network_id", ListFilter.uuid("e.externalNetworkId",
                    "Routers with their gateway on this external network"))
            .build();

    static final ListQuery<FloatingIp> FLOATING_IPS = ListQuery.builder(FloatingIp.class, "/v1/floating-ips",
                    (FloatingIp f) -> f.id)
            .sort("created_at", "e.createdAt").sort("floating_ip_address", "e.floatingIpAddress")
            .filter("floating_network_id", ListFilter.uuid("e.floatingNetworkId", "Floating IPs of this network"))
            .filter("floating_ip_address", ListFilter.text("e.floatingIpAddress", "The floating IP of this address"))
            .filter("port_id", ListFilter.uuid("e.portId", "The floating IP associated with this port"))
            .filter("fixed_ip_address", ListFilter.text("e.fixedIpAddress",
                    "Floating IPs associated with this fixed address"))
            .filter("router_id", ListFilter.uuid("e.routerId", "Floating IPs reached through this router"))
            .filter("device_id", ListFilter.where("exists (select 1 from Port p where p.id = e.portId"
                    + " and p.deviceId = :value)", (p, v) -> v, "string",
                    "Floating IPs associated with a port of this device (a server id)"))
            .filter("description", ListFilter.text("e.description", "Floating IPs of this description"))
            .build();

    /** Every list, for the OpenAPI description of their parameters. */
    public static final List<ListQuery<?>> ALL = List.of(NETWORKS, SUBNETS, PORTS, SECURITY_GROUPS,
            SECURITY_GROUP_RULES, ROUTERS, FLOATING_IPS);

    private static final String VISIBLE_NETWORK = "e.projectId = :project or e.shared = true or e.routerExternal = true";

    private final EntityManager em;
    private final SecurityGroupService groups;

    public NetworkLists(EntityManager em, SecurityGroupService groups) {
        this.em = em;
        this.groups = groups;
    }

    /** The project's networks and every shared network. */
    @Transactional
    public ListPage<Network> networks(Tenant tenant, Map<String, List<String>> params) {
        return NETWORKS.run(em, NETWORKS.path(), scope(VISIBLE_NETWORK, tenant.projectId()), params);
    }

    /** Subnets of the project's networks and of shared networks. */
    @Transactional
    public ListPage<Subnet> subnets(Tenant tenant, Map<String, List<String>> params) {
        return SUBNETS.run(em, SUBNETS.path(), scope("e.networkId in (select n.id from Network n where n.projectId"
                + " = :project or n.shared = true or n.routerExternal = true)", tenant.projectId()), params);
    }

    @Transactional
    public ListPage<Port> ports(Tenant tenant, Map<String, List<String>> params) {
        return PORTS.run(em, PORTS.path(), scope("e.projectId = :project", tenant.projectId()), params);
    }

    @Transactional
    public ListPage<Router> routers(Tenant tenant, Map<String, List<String>> params) {
        return ROUTERS.run(em, ROUTERS.path(), scope("e.projectId = :project", tenant.projectId()), params);
    }

    @Transactional
    public ListPage<FloatingIp> floatingIps(Tenant tenant, Map<String, List<String>> params) {
        return FLOATING_IPS.run(em, FLOATING_IPS.path(), scope("e.projectId = :project", tenant.projectId()), params);
    }

    /** The project's groups (its {@code default} group is made on first sight). */
    @Transactional
    public ListPage<SecurityGroup> securityGroups(String projectId, Map<String, List<String>> params) {
        groups.defaultGroup(projectId);
        return SECURITY_GROUPS.run(em, SECURITY_GROUPS.path(), scope("e.projectId = :project", projectId), params);
    }

    @Transactional
    public ListPage<SecurityGroupRule> securityGroupRules(String projectId, Map<String, List<String>> params) {
        return SECURITY_GROUP_RULES.run(em, SECURITY_GROUP_RULES.path(), scope("e.projectId = :project", projectId),
                params);
    }

    private static ListQuery.Scope scope(String condition, String projectId) {
        return new ListQuery.Scope(condition, Map.of("project", projectId));
    }

    private static ListFilter oneOf(String path, String... values) {
        List<String> allowed = List.of(values);
        Function<String, Object> parse = v -> allowed.contains(v) ? v : null;
        return ListFilter.oneOf(path, parse, allowed, "Rules of this " + path.substring(2));
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
