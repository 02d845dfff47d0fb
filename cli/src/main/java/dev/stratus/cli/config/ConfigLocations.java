package dev.stratus.cli.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the settings live on this machine, from the environment the CLI runs in:
 * <ul>
 *   <li>the CLI's config file: {@code $STRATUS_CONFIG}, else {@code $XDG_CONFIG_HOME/stratus/config}, else
 *       {@code ~/.config/stratus/config};</li>
 *   <li>the dev stack's state directory: {@code $STRATUS_STATE} (the launcher {@code ./stratus} sets it), else the
 *       first {@code .stratus} folder holding a {@code dev.env} in the working directory or one of its parents.</li>
 * </ul>
 */
public final class ConfigLocations {
    private final Map<String, String> env;
    private final Path workingDir;
    private final Path home;

    public ConfigLocations(Map<String, String> env, Path workingDir, Path home) {
        this.env = env;
        this.workingDir = workingDir;
        this.home = home;
    }

    public static ConfigLocations system() {
        return new ConfigLocations(System.getenv(), Path.of("").toAbsolutePath(),
                Path.of(System.getProperty("user.home")));
    }

    public Path configFile() {
        if (present("STRATUS_CONFIG")) {
            return Path.of(env.get("STRATUS_CONFIG"));
        }
        Path base = present("XDG_CONFIG_HOME") ? Path.of(env.get("XDG_CONFIG_HOME")) : home.resolve(".config");
        return base.resolve("stratus").resolve("config");
    }

    /** The dev stack's state directory, or null when there is none. */
    public Path stateDir() {
        if (present("STRATUS_STATE")) {
            return Path.of(env.get("STRATUS_STATE"));
        }
        for (Path dir = workingDir; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(".stratus/dev.env"))) {
                return dir.resolve(".stratus");
            }
        }
        return null;
    }

    /**
     * The sources in precedence order: {@code flags} (the command line's, may be empty), the environment, the config
     * file, dev.env.
     */
    public List<Source> sources(Map<String, String> flags) {
        List<Source> sources = new ArrayList<>();
        sources.add(new Source("the command line", flags));
        sources.add(new Source("the environment", stratusVariables()));
        Path config = configFile();
        sources.add(new Source(config.toString(), EnvFile.read(config)));
        Path state = stateDir();
        if (state != null) {
            Path devEnv = state.resolve("dev.env");
            sources.add(new Source(devEnv.toString(), EnvFile.read(devEnv)));
        }
        return sources;
    }

    private Map<String, String> stratusVariables() {
        Map<String, String> vars = new LinkedHashMap<>();
        env.forEach((k, v) -> {
            // STRATUS_STATE and STRATUS_CONFIG say where files are, not what is in them
            if (k.startsWith("STRATUS_") && !k.equals("STRATUS_STATE") && !k.equals("STRATUS_CONFIG")) {
                vars.put(k, v);
            }
        });
        return vars;
    }

    private boolean present(String key) {
        String value = env.get(key);
        return value != null && !value.isBlank();
    }
}
