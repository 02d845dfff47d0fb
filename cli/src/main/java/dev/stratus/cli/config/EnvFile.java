package dev.stratus.cli.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A shell-style {@code KEY=VALUE} file, as {@code ./stratus up} writes {@code .stratus/dev.env} and as the CLI writes
 * its own config file: one assignment a line, {@code #} comments, an optional {@code export }, values optionally in
 * single or double quotes. Nothing is expanded.
 */
public final class EnvFile {
    private EnvFile() {
    }

    /** The assignments of {@code file}, in file order; empty when the file does not exist. */
    public static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static Map<String, String> parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            values.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
        }
        return values;
    }

    private static String unquote(String value) {
        if (value.length() >= 2) {
            char first = value.charAt(0);
            if ((first == '"' || first == '\'') && value.charAt(value.length() - 1) == first) {
                return value.substring(1, value.length() - 1);
            }
        }
        return value;
    }

    /** {@code KEY=VALUE} lines for {@code values}; a value with a space or a quote is single-quoted. */
    public static String format(Map<String, String> values) {
        StringBuilder text = new StringBuilder();
        values.forEach((key, value) -> {
            boolean plain = value.chars().noneMatch(c -> c == ' ' || c == '\'' || c == '"' || c == '#' || c == '\t');
            text.append(key).append('=').append(plain ? value : "'" + value.replace("'", "") + "'").append('\n');
        });
        return text.toString();
    }
}
