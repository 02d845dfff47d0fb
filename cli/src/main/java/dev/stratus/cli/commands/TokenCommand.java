package dev.stratus.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.cli.CliFailure;
import dev.stratus.client.api.AuthApi;
import picocli.CommandLine.Command;

/** {@code stratus token show|issue}. */
@Command(name = "token", description = "The token in use: show who it is (user, project, roles, expiry), or issue "
        + "a fresh one for scripts.")
public final class TokenCommand extends ApiCommand {
    @Command(name = "show", description = "Who the token is: user, project, roles, expiry, and where it came from.")
    int show() throws Exception {
        ObjectNode view = (ObjectNode) out().tree(api(AuthApi::new).getCurrentToken());
        view.put("url", session().url());
        view.put("source", root().settings().authSource());
        out().show(view);
        return 0;
    }

    @Command(name = "issue", description = "Print a token (issued now from the configured credentials when there "
            + "are some, else the configured one): export STRATUS_TOKEN=$(stratus token issue).")
    int issue() throws Exception {
        if (root().settings().credentials() == null && root().settings().token() == null) {
            throw CliFailure.usage("no credentials to issue a token from: stratus login");
        }
        environment().out().println(session().token());
        return 0;
    }
}
