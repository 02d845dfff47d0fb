package dev.stratus.cli.config;

import java.util.List;

/** The sources in precedence order: the first that has a key gives its value. */
public record SourceChain(List<Source> sources) {
    public String get(String key) {
        for (Source source : sources) {
            String value = source.get(key);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** The first source that has {@code key}, or null. */
    public Source first(String key) {
        return sources.stream().filter(s -> s.get(key) != null).findFirst().orElse(null);
    }
}
