package dev.stratus.cli.commands;

import dev.stratus.cli.config.ConfigFile;
import dev.stratus.cli.config.Keys;
import picocli.CommandLine.Command;

import java.util.Map;
import java.util.concurrent.Callable;

/** {@code stratus logout}: forgets the token {@code stratus login} saved (the URL stays). */
@Command(name = "logout", description = "Remove the saved token from the config file (the URL stays).")
public final class LogoutCommand extends ApiCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        ConfigFile file = new ConfigFile(environment().locations().configFile());
        Map<String, String> values = file.read();
        boolean had = values.remove(Keys.TOKEN) != null;
        values.remove(Keys.TOKEN_EXPIRES_AT);
        file.write(values);
        err().println(had ? "token removed from " + file.path() : "no token saved in " + file.path());
        return 0;
    }
}
