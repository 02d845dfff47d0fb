package dev.stratus.network.rest;

import dev.stratus.network.service.NetworkLists;
import dev.stratus.platform.openapi.ContractFilter;
import dev.stratus.platform.paging.ListQuery;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem.HttpMethod;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

import java.util.List;
import java.util.Map;

/**
 * network-service's OpenAPI description beyond its annotations (see {@link ContractFilter}): the list routes' query
 * parameters (see {@link NetworkLists}) and bodies, the closed sets, and examples of the main creates.
 */
public class NetworkContract extends ContractFilter {
    @Override
    protected List<ListQuery<?>> lists() {
        return NetworkLists.ALL;
    }

    @Override
    protected void refine(OpenAPI openApi) {
        required(openApi, "NetworkList", "networks");
        listBody(openApi, "/v1/subnets", "SubnetList", "subnets", "SubnetView", true);
        listBody(openApi, "/v1/ports", "PortList", "ports", "PortView", true);
        listBody(openApi, "/v1/routers", "RouterList", "routers", "RouterView", true);
        listBody(openApi, "/v1/security-groups", "SecurityGroupList", "security_groups", "SecurityGroupView", true);
        listBody(openApi, "/v1/security-group-rules", "SecurityGroupRuleList", "security_group_rules", "RuleView",
                true);
        listBody(openApi, "/v1/floating-ips", "FloatingIpList", "floating_ips", "FloatingIpView", true);
        for (String schema : List.of("RuleView", "CreateRuleRequest")) {
            enumerate(openApi, schema, "direction", List.of("ingress", "egress"));
            enumerate(openApi, schema, "ethertype", List.of("IPv4", "IPv6"));
        }
        enumerate(openApi, "RouterView", "status", List.of("ACTIVE", "DOWN"));
        enumerate(openApi, "FloatingIpView", "status", List.of("ACTIVE", "DOWN"));
        for (String view : List.of("NetworkView", "SubnetView", "PortView", "RouterView", "SecurityGroupView",
                "RuleView", "FloatingIpView")) {
            required(openApi, view, "id", "project_id", "created_at");
            readOnly(openApi, view, "id", "project_id", "created_at");
        }
        required(openApi, "CreateSubnetRequest", "network_id", "cidr");
        required(openApi, "CreatePortRequest", "network_id");
        required(openApi, "CreateRuleRequest", "security_group_id", "direction");
        required(openApi, "CreateFloatingIpRequest", "floating_network_id");
        floatingIpUpdate(openApi);
        example(openApi, "/v1/networks", Map.of("name", "private", "cidr", "10.0.0.0/24"));
        example(openApi, "/v1/subnets", Map.of("network_id", "3b0c2a59-0e0a-4c57-9a57-6c2f6d1d2f10",
                "name", "private-v4", "cidr", "10.0.0.0/24", "ip_version", 4, "enable_dhcp", true));
        example(openApi, "/v1/security-group-rules", Map.of("security_group_id",
                "8a3c6f57-52c4-4b3e-8f4f-3f8a1f0a7c11", "direction", "ingress", "ethertype", "IPv4",
                "protocol", "tcp", "port_range_min", 22, "port_range_max", 22, "remote_ip_prefix", "0.0.0.0/0"));
    }

    /** The body of {@code PUT /v1/floating-ips/{id}} (the resource reads a map to tell null from absent). */
    private static void floatingIpUpdate(OpenAPI openApi) {
        Schema update = object().description("Members left out stay as they are")
                .addProperty("port_id", typed(SchemaType.STRING, "The port to associate it with; null"
                        + " disassociates it").format("uuid").addType(SchemaType.NULL))
                .addProperty("fixed_ip_address", typed(SchemaType.STRING, "Which of the port's addresses (default:"
                        + " its first IPv4 one)").addType(SchemaType.NULL))
                .addProperty("description", typed(SchemaType.STRING, "A new description").addType(SchemaType.NULL));
        update.additionalPropertiesBoolean(Boolean.FALSE);
        openApi.getComponents().addSchema("UpdateFloatingIpRequest", update);
        operation(openApi, "/v1/floating-ips/{id}", HttpMethod.PUT).getRequestBody().getContent()
                .getMediaType("application/json").setSchema(ref("UpdateFloatingIpRequest"));
    }

    private static void example(OpenAPI openApi, String path, Map<String, Object> example) {
        operation(openApi, path, HttpMethod.POST).getRequestBody().getContent().getMediaType("application/json")
                .setExample(example);
    }
}
