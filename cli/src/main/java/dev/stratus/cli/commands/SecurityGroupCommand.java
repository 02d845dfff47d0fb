package dev.stratus.cli.commands;

import dev.stratus.cli.api.Pages;
import dev.stratus.cli.output.Column;
import dev.stratus.client.api.SecurityGroupsApi;
import dev.stratus.client.model.CreateSecurityGroupRequest;
import dev.stratus.client.model.SecurityGroupView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code stratus security-group <verb>}: sets of firewall rules on ports (iptables on the taps). */
@Command(name = "security-group", aliases = "sg", description = "Security groups: list, show, create, delete "
        + "(their rules: stratus rule).")
public final class SecurityGroupCommand extends ApiCommand {
    private static final List<Column> COLUMNS = List.of(Column.of("ID", "id"), Column.of("NAME", "name"),
            Column.of("DESCRIPTION", "description"),
            Column.of("RULES", "security_group_rules", row -> String.valueOf(row.path("security_group_rules").size())));

    @Command(name = "list", description = "List the project's security groups.")
    int list(@Option(names = "--name", description = "Only groups of this name.") String name) throws Exception {
        SecurityGroupsApi api = api(SecurityGroupsApi::new);
        List<SecurityGroupView> groups = Pages.all(marker -> {
            var page = api.listSecurityGroups(name, null, null, marker, null, null);
            return new Pages.Page<>(page.getSecurityGroups(), page.getNext());
        }, SecurityGroupView::getId, null, null);
        out().list(groups, COLUMNS);
        return 0;
    }

    @Command(name = "show", description = "Show a security group with its rules.")
    int show(@Parameters(paramLabel = "GROUP", description = "Name or id.") String group) throws Exception {
        out().show(api(SecurityGroupsApi::new).getSecurityGroup(NetworkRefs.securityGroup(session(), group)));
        return 0;
    }

    @Command(name = "create", description = "Create a security group (with the default egress rules).")
    int create(@Parameters(paramLabel = "NAME") String name,
               @Option(names = "--description", description = "A description.") String description)
            throws Exception {
        CreateSecurityGroupRequest request = new CreateSecurityGroupRequest().name(name);
        if (description != null) {
            request.description(description);
        }
        out().show(api(SecurityGroupsApi::new).createSecurityGroup(request, idempotencyKey()));
        return 0;
    }

    @Command(name = "delete", description = "Delete security groups (409 while ports use them).")
    int delete(@Parameters(arity = "1..*", paramLabel = "GROUP", description = "Names or ids.") List<String> groups)
            throws Exception {
        SecurityGroupsApi api = api(SecurityGroupsApi::new);
        for (String group : groups) {
            api.deleteSecurityGroup(NetworkRefs.securityGroup(session(), group));
            Deletions.done(this, "security group", group);
        }
        return 0;
    }
}
