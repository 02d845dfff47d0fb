package dev.stratus.cli.commands.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.cli.commands.ApiCommand;
import dev.stratus.client.api.ServersApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "ssh", description = {"Log into a server's guest with ssh (or run COMMAND there), as ./stratus ssh "
        + "does: through its floating IP from the external namespace, else from its network's DHCP namespace "
        + "(qdhcp-<network>) to its fixed address; directly when those namespaces are not on this machine.",
        "Exits with ssh's exit code."})
final class ServerSsh extends ApiCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SERVER", description = "The server's name or id.")
    String server;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "A command to run (after --).")
    List<String> command = new ArrayList<>();

    @Option(names = "--wait-for-guest", converter = dev.stratus.cli.DurationConverter.class, paramLabel = "DURATION",
            description = "Retry until the guest's sshd answers, for at most this long (default: no retry).")
    java.time.Duration waitForGuest;

    @Mixin
    SshOptions sshOptions;

    @Override
    public Integer call() throws Exception {
        ServersApi api = api(ServersApi::new);
        ServerStates states = new ServerStates(api, session().mapper());
        JsonNode view = states.tree(api.getServer(states.id(server)));
        GuestSsh ssh = new GuestSsh(session(), root().settings(), err(), environment().ticker(),
                environment().locations().stateDir());
        if (waitForGuest != null) {
            return ssh.loginWhenReady(view, sshOptions, waitForGuest, command);
        }
        return ssh.login(view, sshOptions, command);
    }
}
