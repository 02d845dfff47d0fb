package dev.stratus.cli.output;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.function.Function;

/**
 * A column of a list: its header and how a row (the resource as the API's JSON) gives its cell.
 */
public record Column(String header, String field, Function<JsonNode, String> cell) {
    /** The member {@code path} (dots for nested members: {@code flavor.id}), rendered by {@link Values#text}. */
    public static Column of(String header, String path) {
        return new Column(header, path, row -> Values.text(Values.at(row, path)));
    }

    /** A column with its own rendering of the row. */
    public static Column of(String header, String field, Function<JsonNode, String> cell) {
        return new Column(header, field, cell);
    }

    /** True when {@code name} (from {@code -c}) names this column: its header or its field, case-insensitively. */
    public boolean named(String name) {
        return header.equalsIgnoreCase(name) || field.equalsIgnoreCase(name)
                || header.replace(' ', '_').equalsIgnoreCase(name);
    }
}
