package dev.stratus.cli.config;

import java.util.Map;

/**
 * One place settings come from ({@code STRATUS_URL}, {@code STRATUS_TOKEN}, ...), named as the user knows it: the
 * command line, the environment, the CLI's config file or the dev stack's {@code dev.env}.
 */
public record Source(String name, Map<String, String> values) {
    public String get(String key) {
        String value = values.get(key);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
