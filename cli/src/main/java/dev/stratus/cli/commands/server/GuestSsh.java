package dev.stratus.cli.commands.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.cli.CliFailure;
import dev.stratus.cli.ExitCodes;
import dev.stratus.cli.api.Session;
import dev.stratus.cli.config.Keys;
import dev.stratus.cli.config.Settings;
import dev.stratus.cli.watch.Durations;
import dev.stratus.cli.watch.Ticker;
import dev.stratus.client.ApiException;
import dev.stratus.client.api.FloatingIpsApi;
import dev.stratus.client.api.ImagesApi;
import dev.stratus.client.api.PortsApi;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * ssh into a server's guest the way {@code ./stratus ssh} does: through its floating IP from the external
 * namespace ({@code STRATUS_EXTERNAL_NAMESPACE}, default {@code stratus-ext}), else to its fixed IPv4 address from
 * its network's DHCP namespace ({@code qdhcp-<network id>}); straight from this machine when the namespace is not
 * here (a remote cloud). Host keys are not recorded: guests are throwaway and their keys new at each boot.
 */
final class GuestSsh {
    /** Where the guest is reached: a namespace on this machine (or null) and an address. */
    record Target(String namespace, String address) {
        String describe() {
            return address + (namespace == null ? "" : " (from namespace " + namespace + ")");
        }
    }

    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(2);

    private final Session session;
    private final Settings settings;
    private final PrintStream err;
    private final Ticker ticker;
    private final Path stateDir;

    GuestSsh(Session session, Settings settings, PrintStream err, Ticker ticker, Path stateDir) {
        this.session = session;
        this.settings = settings;
        this.err = err;
        this.ticker = ticker;
        this.stateDir = stateDir;
    }

    /** Logs in (or runs {@code command}) once; returns ssh's exit code. */
    int login(JsonNode server, SshOptions options, List<String> command) throws Exception {
        Target target = locate(server);
        return run(argv(target, server, options, false, command), true).exitCode();
    }

    /**
     * Waits (at most {@code timeout}) until the guest has an address and its sshd lets us in, then logs in; exit 3
     * with the last ssh error when it never does.
     */
    int loginWhenReady(JsonNode server, SshOptions options, Duration timeout, List<String> command) throws Exception {
        long deadline = ticker.nanos() + timeout.toNanos();
        String label = ServerStates.label(server);
        Target target = null;
        String last = "no address yet";
        boolean announced = false;
        while (ticker.nanos() < deadline) {
            if (target == null) {
                target = locateOrNull(server);
            }
            if (target != null) {
                if (!announced) {
                    err.println(label + ": waiting for ssh on " + target.describe());
                    announced = true;
                }
                Outcome probe = run(argv(target, server, options, true, List.of("true")), false);
                if (probe.exitCode() == 0) {
                    err.println(label + ": ssh answers");
                    return run(argv(target, server, options, false, command), true).exitCode();
                }
                last = probe.error().isBlank() ? "ssh exit " + probe.exitCode() : probe.error();
            }
            ticker.sleep(PROBE_INTERVAL);
        }
        throw new CliFailure(ExitCodes.TIMEOUT, "timed out after " + Durations.text(timeout)
                + " waiting for ssh on " + label + ": " + last);
    }

    Target locate(JsonNode server) throws ApiException {
        Target target = locateOrNull(server);
        if (target == null) {
            throw CliFailure.api(ServerStates.label(server) + " has no IPv4 address yet (status "
                    + server.path("status").asText() + ")");
        }
        return target;
    }

    private Target locateOrNull(JsonNode server) throws ApiException {
        String id = server.path("id").asText();
        var floating = session.api(FloatingIpsApi::new).listFloatingIps(null, null, null, null, null, id, null, null,
                null, null, null).getFloatingIps();
        for (var ip : floating) {
            JsonNode f = session.mapper().valueToTree(ip);
            if (!f.path("floating_ip_address").asText("").isEmpty()) {
                String ns = settings.get(Keys.EXTERNAL_NAMESPACE);
                return new Target(present(ns == null ? "stratus-ext" : ns), f.path("floating_ip_address").asText());
            }
        }
        var ports = session.api(PortsApi::new).listPorts(null, id, null, null, null, null, null, null, null, null,
                null, null, null, null).getPorts();
        for (var port : ports) {
            JsonNode p = session.mapper().valueToTree(port);
            for (JsonNode ip : p.path("fixed_ips")) {
                String address = ip.path("ip_address").asText("");
                if (!address.isEmpty() && !address.contains(":")) {
                    return new Target(present("qdhcp-" + p.path("network_id").asText()), address);
                }
            }
        }
        return null;
    }

    /** The namespace when it exists on this machine, else null (ssh straight to the address). */
    private static String present(String namespace) {
        return Files.exists(Path.of("/run/netns", namespace)) ? namespace : null;
    }

    private List<String> argv(Target target, JsonNode server, SshOptions options, boolean probe,
                              List<String> command) {
        List<String> argv = new ArrayList<>();
        if (target.namespace() != null) {
            argv.addAll(List.of("ip", "netns", "exec", target.namespace()));
        }
        argv.add("ssh");
        Path key = key(options);
        if (key != null) {
            argv.addAll(List.of("-i", key.toString()));
        }
        argv.addAll(List.of("-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "LogLevel=ERROR"));
        if (probe) {
            argv.addAll(List.of("-o", "BatchMode=yes", "-o", "ConnectTimeout=5"));
        }
        argv.add(user(options, server) + "@" + target.address());
        argv.addAll(command);
        return argv;
    }

    private Path key(SshOptions options) {
        if (options.identity != null) {
            return options.identity;
        }
        if (settings.get(Keys.SSH_KEY) != null) {
            return Path.of(settings.get(Keys.SSH_KEY));
        }
        Path demo = stateDir == null ? null : stateDir.resolve("demo_key");
        return demo != null && Files.isRegularFile(demo) ? demo : null;
    }

    private String user(SshOptions options, JsonNode server) {
        if (options.user != null) {
            return options.user;
        }
        if (settings.get(Keys.SSH_USER) != null) {
            return settings.get(Keys.SSH_USER);
        }
        try {
            var image = session.api(ImagesApi::new).getImage(server.path("image").path("id").asText());
            JsonNode admin = session.mapper().valueToTree(image).path("properties").path("os_admin_user");
            if (admin.isTextual() && !admin.asText().isBlank()) {
                return admin.asText();
            }
        } catch (ApiException e) {
            // the image may be gone or another project's: the default user below
        }
        return "debian";
    }

    private record Outcome(int exitCode, String error) {
    }

    private static Outcome run(List<String> argv, boolean interactive) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv);
        if (interactive) {
            pb.inheritIO();
            return new Outcome(pb.start().waitFor(), "");
        }
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String error = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int code = p.waitFor();
        List<String> lines = error.lines().toList();
        return new Outcome(code, lines.isEmpty() ? "" : lines.get(lines.size() - 1));
    }
}
