package dev.stratus.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.cli.api.Session;
import dev.stratus.cli.config.Keys;
import dev.stratus.cli.config.Settings;
import dev.stratus.cli.config.SettingsResolver;
import dev.stratus.cli.output.Format;
import dev.stratus.cli.output.Output;
import dev.stratus.client.ApiClient;
import dev.stratus.client.ApiException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code stratus}: the root command. It holds the options every command takes (inherited by all of them, so
 * {@code stratus server list -o json} and {@code stratus -o json server list} are the same) and opens the API
 * session and the output the commands share. Its nouns are added by {@link Nouns}.
 */
@Command(name = "stratus", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "The Stratus command line: servers, images, networks and the rest of the native API.",
        footer = {"", "Configuration (first found wins): --url/--token, STRATUS_URL/STRATUS_TOKEN, the file "
                + "`stratus login` writes (~/.config/stratus/config), the dev stack's .stratus/dev.env.",
                "Exit codes: 0 ok, 1 API error, 2 usage, 3 --wait timed out. See docs/cli.md.",
                "The launcher's own commands (./stratus up|down|status|restart|test|ssh|lint-api) run the stack."})
public final class StratusCommand implements Callable<Integer> {
    private final Environment environment;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "The API's base URL (else STRATUS_URL, the config file, .stratus/dev.env).")
    String url;

    @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
            description = "A bearer token (else STRATUS_TOKEN, the config file, .stratus/dev.env).")
    String token;

    @Option(names = "--admin", scope = ScopeType.INHERIT,
            description = "Use STRATUS_ADMIN_TOKEN (the dev stack's cloud administrator) instead of STRATUS_TOKEN.")
    boolean admin;

    @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, defaultValue = "table", paramLabel = "FORMAT",
            description = "table (default), json, yaml or value (bare values, for scripts).")
    Format format;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Print ids only.")
    boolean quiet;

    @Option(names = {"-c", "--column"}, scope = ScopeType.INHERIT, split = ",", paramLabel = "NAME",
            description = "Only these columns or fields (repeatable, or comma-separated), e.g. -c id,status.")
    List<String> columns;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print the stack trace of a failure.")
    boolean debug;

    private Session session;
    private Output output;

    public StratusCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a command is missing (stratus --help lists them)");
    }

    public Environment environment() {
        return environment;
    }

    public boolean debug() {
        return debug;
    }

    /** The settings from every source (see {@link SettingsResolver}). */
    public Settings settings() {
        Map<String, String> flags = new LinkedHashMap<>();
        if (url != null) {
            flags.put(Keys.URL, url);
        }
        if (token != null) {
            flags.put(admin ? Keys.ADMIN_TOKEN : Keys.TOKEN, token);
        }
        return SettingsResolver.resolve(environment.locations().sources(flags), admin);
    }

    /** The API session, opened on first use (a token issued then when needed). */
    public Session session() throws ApiException {
        if (session == null) {
            session = Session.open(settings());
        }
        return session;
    }

    public Output output() {
        if (output == null) {
            ObjectMapper mapper = session != null ? session.mapper() : new ApiClient().getObjectMapper();
            output = new Output(format, quiet, columns, environment.out(), mapper);
        }
        return output;
    }
}
