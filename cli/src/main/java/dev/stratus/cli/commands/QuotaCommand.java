package dev.stratus.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.cli.output.Column;
import dev.stratus.client.api.AuthApi;
import dev.stratus.client.api.QuotasApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code stratus quota show|set}: a project's limits and what it uses. */
@Command(name = "quota", description = "Quotas: show a project's limits and usage; set them (administrators).")
public final class QuotaCommand extends ApiCommand {
    private static final List<Column> COLUMNS = List.of(Column.of("RESOURCE", "resource"),
            Column.of("LIMIT", "limit", row -> row.path("unlimited").asBoolean() ? "unlimited"
                    : row.path("limit").asText()),
            Column.of("IN USE", "in_use"));

    @Command(name = "show", description = "Show the quotas of the token's project (or --project).")
    int show(@Option(names = "--project", description = "Another project's id (administrators).") String project)
            throws Exception {
        Map<String, ?> quotas = api(QuotasApi::new).getProjectQuotas(projectId(project), true);
        out().list(rows(quotas), COLUMNS);
        return 0;
    }

    @Command(name = "set", description = "Set limits (-1: unlimited), e.g. instances=20 vcpus=40 (administrators).")
    int set(@Option(names = "--project", required = true, description = "The project's id.") String project,
            @Parameters(arity = "1..*", paramLabel = "RESOURCE=LIMIT") Map<String, Long> limits) throws Exception {
        Map<String, ?> quotas = api(QuotasApi::new).updateProjectQuotas(project, new LinkedHashMap<>(limits));
        out().list(rows(quotas), COLUMNS);
        return 0;
    }

    private String projectId(String project) throws Exception {
        if (project != null) {
            return project;
        }
        return out().tree(api(AuthApi::new).getCurrentToken()).path("project_id").asText();
    }

    private List<JsonNode> rows(Map<String, ?> quotas) {
        List<JsonNode> rows = new ArrayList<>();
        quotas.forEach((resource, quota) -> {
            ObjectNode row = out().tree(Map.of("resource", resource)).deepCopy();
            row.setAll((ObjectNode) out().tree(quota));
            rows.add(row);
        });
        return rows;
    }
}
