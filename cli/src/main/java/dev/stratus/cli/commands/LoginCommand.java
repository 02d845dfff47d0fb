package dev.stratus.cli.commands;

import dev.stratus.cli.CliFailure;
import dev.stratus.cli.api.Session;
import dev.stratus.cli.config.ConfigFile;
import dev.stratus.cli.config.Credentials;
import dev.stratus.cli.config.Keys;
import dev.stratus.cli.config.Settings;
import dev.stratus.client.model.IssuedToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code stratus login}: issues a token from a user's password or an application credential and saves it, with
 * the URL, in the CLI's config file (mode 600). The password or secret itself is never saved.
 */
@Command(name = "login", description = {"Get a token (from a user and password, or an application credential) "
        + "and save it with the URL in ~/.config/stratus/config (mode 600; STRATUS_CONFIG to move it).",
        "The password is read from --password-stdin, else STRATUS_PASSWORD (the dev stack's dev.env has the demo "
                + "user's), else asked on the terminal; it is never saved."})
public final class LoginCommand extends ApiCommand implements Callable<Integer> {
    @Option(names = {"-u", "--user"}, description = "The user (default: STRATUS_USER).")
    String user;
    @Option(names = {"-p", "--project"}, description = "The project to scope the token to (default: "
            + "STRATUS_PROJECT).")
    String project;
    @Option(names = "--password-stdin", description = "Read the password from stdin's first line.")
    boolean passwordStdin;
    @Option(names = "--application-credential", paramLabel = "ID", description = "An application credential's id "
            + "instead of a user (its secret: --secret-stdin, STRATUS_APPLICATION_CREDENTIAL_SECRET or asked).")
    String credentialId;
    @Option(names = "--secret-stdin", description = "Read the application credential's secret from stdin.")
    boolean secretStdin;

    @Override
    public Integer call() throws Exception {
        Settings settings = root().settings();
        if (settings.url() == null) {
            throw CliFailure.usage("which cloud? stratus login --url URL (or STRATUS_URL)");
        }
        Credentials credentials = credentials(settings);
        IssuedToken issued = Session.issue(settings.url(), credentials);
        ConfigFile file = new ConfigFile(environment().locations().configFile());
        Map<String, String> values = file.read();
        values.put(Keys.URL, settings.url());
        values.put(Keys.TOKEN, issued.getToken());
        values.put(Keys.TOKEN_EXPIRES_AT, String.valueOf(issued.getExpiresAt()));
        values.remove(Keys.USER);
        values.remove(Keys.PROJECT);
        if (!credentials.isApplicationCredential()) {
            values.put(Keys.USER, credentials.user());
            if (credentials.project() != null) {
                values.put(Keys.PROJECT, credentials.project());
            }
        }
        file.write(values);
        err().println("logged in to " + settings.url() + " as " + credentials.who() + "; the token is valid until "
                + issued.getExpiresAt() + " (saved in " + file.path() + ")");
        return 0;
    }

    private Credentials credentials(Settings settings) {
        if (credentialId != null) {
            String secret = secretStdin ? stdinLine() : settings.get(Keys.CREDENTIAL_SECRET);
            return Credentials.applicationCredential(credentialId, secret != null ? secret
                    : prompt("secret of application credential " + credentialId));
        }
        String who = user != null ? user : settings.get(Keys.USER);
        if (who == null) {
            throw CliFailure.usage("who? stratus login --user USER (or --application-credential ID)");
        }
        String scope = project != null ? project : settings.get(Keys.PROJECT);
        String password = passwordStdin ? stdinLine()
                : settings.get(Keys.USER) == null || who.equals(settings.get(Keys.USER)) ? settings.get(Keys.PASSWORD)
                : null;
        return Credentials.password(who, password != null ? password : prompt("password of " + who), scope);
    }

    private static String stdinLine() {
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw CliFailure.usage("stdin is empty");
            }
            return line;
        } catch (java.io.IOException e) {
            throw CliFailure.usage("cannot read stdin: " + e.getMessage());
        }
    }

    private static String prompt(String what) {
        java.io.Console console = System.console();
        if (console == null) {
            throw CliFailure.usage("no terminal to ask the " + what + ": use --password-stdin or --secret-stdin");
        }
        char[] typed = console.readPassword("%s: ", what);
        if (typed == null) {
            throw CliFailure.usage("no " + what + " given");
        }
        return new String(typed);
    }
}
