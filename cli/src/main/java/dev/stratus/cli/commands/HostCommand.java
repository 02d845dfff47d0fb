package dev.stratus.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.cli.CliFailure;
import dev.stratus.cli.api.Problems;
import dev.stratus.cli.config.Keys;
import dev.stratus.cli.output.Column;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code stratus host list} (administrators): the compute hosts the scheduler knows. The route is the scheduler's
 * own ({@code /v1/scheduler/hosts}, on its port): the public URL does not route it, so it is not in
 * openapi/stratus.yaml nor in the generated client; the call uses the client's HTTP client and token.
 */
@Command(name = "host", description = "Compute hosts (administrators; --admin on the dev stack).")
public final class HostCommand extends ApiCommand {
    private static final List<Column> COLUMNS = List.of(Column.of("NAME", "name"), Column.of("ALIVE", "alive"),
            Column.of("VCPUS", "vcpus", row -> row.path("used_vcpus").asText() + "/" + row.path("vcpus").asText()),
            Column.of("RAM MB", "ram_mb", row -> row.path("used_ram_mb").asText() + "/" + row.path("ram_mb").asText()),
            Column.of("DISK GB", "disk_gb",
                    row -> row.path("used_disk_gb").asText() + "/" + row.path("disk_gb").asText()),
            Column.of("LAST SEEN", "last_seen"));

    @Command(name = "list", description = "List compute hosts: capacity, what is claimed, whether they report.")
    int list(@Option(names = "--scheduler-url", paramLabel = "URL", description = "scheduler-service's URL "
            + "(default: STRATUS_SCHEDULER_URL, which ./stratus up writes to dev.env).") String schedulerUrl)
            throws Exception {
        String base = schedulerUrl != null ? schedulerUrl : root().settings().get(Keys.SCHEDULER_URL);
        if (base == null) {
            throw CliFailure.usage("host list asks scheduler-service on its own port (the public URL does not "
                    + "route /v1/scheduler/*): --scheduler-url URL or STRATUS_SCHEDULER_URL");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.replaceAll("/+$", "") + "/v1/scheduler/hosts"))
                .header("Authorization", "Bearer " + session().token()).header("Accept", "application/json")
                .GET().build();
        HttpResponse<String> response = session().client().getHttpClient().send(request,
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw CliFailure.api(Problems.line(response.statusCode(), response.body()));
        }
        List<JsonNode> hosts = new ArrayList<>();
        session().mapper().readTree(response.body()).path("hosts").forEach(hosts::add);
        out().list(hosts, COLUMNS);
        return 0;
    }
}
