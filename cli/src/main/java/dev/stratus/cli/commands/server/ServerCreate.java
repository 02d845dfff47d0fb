package dev.stratus.cli.commands.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.cli.CliFailure;
import dev.stratus.cli.WaitOptions;
import dev.stratus.cli.commands.ApiCommand;
import dev.stratus.cli.commands.NetworkRefs;
import dev.stratus.client.api.ServersApi;
import dev.stratus.client.model.CreateServerRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "create", description = "Create a server. --wait follows it to ACTIVE (BUILDING → ACTIVE on "
        + "stderr); --ssh then logs into its guest once it answers.")
final class ServerCreate extends ApiCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "The server's name.")
    String name;
    @Option(names = "--flavor", required = true, description = "Flavor name or id (stratus flavor list).")
    String flavor;
    @Option(names = "--image", required = true, description = "Image name or id (stratus image list).")
    String image;
    @Option(names = "--network", paramLabel = "NETWORK", description = "Attach to this network (name or id; "
            + "repeatable). Default: the project's own network, as the API chooses.")
    List<String> networks = new ArrayList<>();
    @Option(names = "--port", paramLabel = "PORT", description = "Attach this existing port (id; repeatable).")
    List<String> ports = new ArrayList<>();
    @Option(names = "--security-group", paramLabel = "GROUP", description = "A security group (name or id; "
            + "repeatable) of the ports made for the server. Default: the project's default group. Ports given "
            + "with --port keep their own groups.")
    List<String> securityGroups = new ArrayList<>();
    @Option(names = "--key-name", paramLabel = "KEYPAIR", description = "The key pair whose public key the guest "
            + "gets (stratus keypair list).")
    String keyName;
    @Option(names = "--user-data", paramLabel = "FILE", description = "A file given to the guest as user data "
            + "(cloud-init; at most 64 KiB).")
    Path userData;
    @Option(names = "--hostname", description = "The guest's host name (default: from the name).")
    String hostname;
    @Option(names = "--description", description = "A description.")
    String description;
    @Option(names = "--property", paramLabel = "KEY=VALUE", description = "Metadata (repeatable).")
    Map<String, String> metadata = new LinkedHashMap<>();
    @Option(names = "--tag", description = "A tag (repeatable).")
    List<String> tags = new ArrayList<>();
    @Option(names = "--ttl", converter = dev.stratus.cli.DurationConverter.class, paramLabel = "DURATION",
            description = "Delete (or stop, see --shutdown-behavior) the server after this long (90s, 2h...).")
    java.time.Duration ttl;
    @Option(names = "--shutdown-behavior", paramLabel = "stop|delete",
            description = "What a poweroff from inside the guest (or the TTL) does: stop (default) or delete.")
    String shutdownBehavior;
    @Option(names = "--no-config-drive", description = "No config drive (the metadata service only).")
    boolean noConfigDrive;
    @Option(names = "--idempotency-key", paramLabel = "KEY", description = "Retrying with the same key gives the "
            + "same server (default: a new key each run).")
    String idempotencyKey;

    @Mixin
    WaitOptions wait;

    @Option(names = "--ssh", description = "With --wait: log into the guest once it answers (see `server ssh`), "
            + "or run COMMAND there.")
    boolean ssh;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "With --ssh: the command to run in the guest "
            + "(after --); its exit code is the CLI's.")
    List<String> command = new ArrayList<>();

    @Mixin
    SshOptions sshOptions;

    @Override
    public Integer call() throws Exception {
        if (ssh && !wait.wait) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--ssh needs --wait");
        }
        if (!command.isEmpty() && !ssh) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a COMMAND needs --wait --ssh");
        }
        ServersApi api = api(ServersApi::new);
        ServerStates states = new ServerStates(api, session().mapper());
        CreateServerRequest body = session().mapper().convertValue(body(), CreateServerRequest.class);
        JsonNode view = states.tree(api.createServer(body, idempotencyKey == null ? idempotencyKey()
                : idempotencyKey));
        String id = view.path("id").asText();
        if (wait.wait) {
            long start = environment().ticker().nanos();
            view = states.watch(ServerStates.label(view), id, wait, err(), environment().ticker())
                    .until(states.settlesIn("ACTIVE", id), view);
            if (ssh) { // stdout is the guest's from here
                err().println(ServerStates.label(view) + " (" + id + ") is ACTIVE");
                java.time.Duration left = java.time.Duration.ofSeconds(Math.max(1,
                        wait.timeout.minusNanos(environment().ticker().nanos() - start).toSeconds()));
                return new GuestSsh(session(), root().settings(), err(), environment().ticker(),
                        environment().locations().stateDir()).loginWhenReady(view, sshOptions, left, command);
            }
        }
        out().show(view);
        return 0;
    }

    private Map<String, Object> body() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("flavor", flavor);
        body.put("image", image);
        List<Map<String, String>> attachments = new ArrayList<>();
        for (String network : networks) {
            attachments.add(Map.of("network", NetworkRefs.id(session(), network)));
        }
        ports.forEach(port -> attachments.add(Map.of("port", port)));
        if (!attachments.isEmpty()) {
            body.put("networks", attachments);
        }
        if (!securityGroups.isEmpty()) {
            body.put("security_groups", securityGroups);
        }
        putIf(body, "key_name", keyName);
        putIf(body, "hostname", hostname);
        putIf(body, "description", description);
        putIf(body, "shutdown_behavior", shutdownBehavior);
        if (userData != null) {
            try {
                body.put("user_data", Base64.getEncoder().encodeToString(Files.readAllBytes(userData)));
            } catch (IOException e) {
                throw CliFailure.usage("cannot read --user-data " + userData + ": " + e.getMessage());
            }
        }
        if (!metadata.isEmpty()) {
            body.put("metadata", metadata);
        }
        if (!tags.isEmpty()) {
            body.put("tags", tags);
        }
        if (ttl != null) {
            body.put("ttl_seconds", ttl.toSeconds());
        }
        if (noConfigDrive) {
            body.put("config_drive", false);
        }
        return body;
    }

    private static void putIf(Map<String, Object> body, String key, String value) {
        if (value != null) {
            body.put(key, value);
        }
    }
}
