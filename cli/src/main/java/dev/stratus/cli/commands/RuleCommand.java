package dev.stratus.cli.commands;

import dev.stratus.cli.CliFailure;
import dev.stratus.cli.api.Pages;
import dev.stratus.cli.output.Column;
import dev.stratus.client.api.SecurityGroupRulesApi;
import dev.stratus.client.model.CreateRuleRequest;
import dev.stratus.client.model.RuleView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code stratus rule <verb>}: security group rules. */
@Command(name = "rule", aliases = "security-group-rule", description = "Security group rules: list, show, create, "
        + "delete.")
public final class RuleCommand extends ApiCommand {
    private static final List<Column> COLUMNS = List.of(Column.of("ID", "id"),
            Column.of("GROUP", "security_group_id"), Column.of("DIRECTION", "direction"),
            Column.of("ETHERTYPE", "ethertype"), Column.of("PROTOCOL", "protocol"),
            Column.of("PORTS", "port_range_min", row -> ports(row.path("port_range_min").asText(""),
                    row.path("port_range_max").asText(""))),
            Column.of("REMOTE", "remote_ip_prefix", row -> row.hasNonNull("remote_group_id")
                    ? "group " + row.path("remote_group_id").asText() : row.path("remote_ip_prefix").asText("")));

    @Command(name = "list", description = "List rules.")
    int list(@Option(names = "--security-group", paramLabel = "GROUP", description = "Only this group's (name or "
            + "id).") String group) throws Exception {
        SecurityGroupRulesApi api = api(SecurityGroupRulesApi::new);
        String groupId = group == null ? null : NetworkRefs.securityGroup(session(), group);
        List<RuleView> rules = Pages.all(marker -> {
            var page = api.listSecurityGroupRules(groupId, null, null, null, null, null, null, null, null, marker,
                    null, null);
            return new Pages.Page<>(page.getSecurityGroupRules(), page.getNext());
        }, RuleView::getId, null, null);
        out().list(rules, COLUMNS);
        return 0;
    }

    @Command(name = "show", description = "Show a rule.")
    int show(@Parameters(paramLabel = "RULE", description = "The rule's id.") String rule) throws Exception {
        out().show(api(SecurityGroupRulesApi::new).getSecurityGroupRule(rule));
        return 0;
    }

    @Command(name = "create", description = "Add a rule to a security group, e.g. --protocol tcp --port 22.")
    int create(@Option(names = "--security-group", required = true, paramLabel = "GROUP", description = "The group "
                       + "(name or id).") String group,
               @Option(names = "--direction", defaultValue = "ingress", description = "ingress (default) or "
                       + "egress.") String direction,
               @Option(names = "--ethertype", defaultValue = "IPv4", description = "IPv4 (default) or IPv6.")
               String ethertype,
               @Option(names = "--protocol", description = "tcp, udp, icmp... (default: any).") String protocol,
               @Option(names = "--port", paramLabel = "PORT[:PORT]", description = "A port or a range (22, "
                       + "8000:8080).") String port,
               @Option(names = "--remote-ip", paramLabel = "CIDR", description = "From/to these addresses.")
               String remoteIp,
               @Option(names = "--remote-group", paramLabel = "GROUP", description = "From/to the ports of this "
                       + "group.") String remoteGroup) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("security_group_id", NetworkRefs.securityGroup(session(), group));
        body.put("direction", direction);
        body.put("ethertype", ethertype);
        if (protocol != null) {
            body.put("protocol", protocol);
        }
        if (port != null) {
            String[] range = port.split(":", 2);
            try {
                body.put("port_range_min", Integer.parseInt(range[0]));
                body.put("port_range_max", Integer.parseInt(range.length == 2 ? range[1] : range[0]));
            } catch (NumberFormatException e) {
                throw CliFailure.usage("--port takes a port or a range such as 8000:8080, not " + port);
            }
        }
        if (remoteIp != null) {
            body.put("remote_ip_prefix", remoteIp);
        }
        if (remoteGroup != null) {
            body.put("remote_group_id", NetworkRefs.securityGroup(session(), remoteGroup));
        }
        CreateRuleRequest request = session().mapper().convertValue(body, CreateRuleRequest.class);
        out().show(api(SecurityGroupRulesApi::new).createSecurityGroupRule(request, idempotencyKey()));
        return 0;
    }

    @Command(name = "delete", description = "Delete rules.")
    int delete(@Parameters(arity = "1..*", paramLabel = "RULE", description = "Ids.") List<String> rules)
            throws Exception {
        SecurityGroupRulesApi api = api(SecurityGroupRulesApi::new);
        for (String rule : rules) {
            api.deleteSecurityGroupRule(rule);
            Deletions.done(this, "rule", rule);
        }
        return 0;
    }

    private static String ports(String min, String max) {
        if (min.isEmpty()) {
            return "any";
        }
        return min.equals(max) || max.isEmpty() ? min : min + ":" + max;
    }
}
