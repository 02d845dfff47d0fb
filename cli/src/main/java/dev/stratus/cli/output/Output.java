package dev.stratus.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Prints results on stdout as {@code -o} asks ({@link Format}), {@code --quiet} (ids only) and {@code -c} (the
 * columns or fields to keep). Resources are taken as the API's JSON (a generated model is converted with the
 * client's own mapper), so every format shows the API's member names.
 */
public final class Output {
    private final Format format;
    private final boolean quiet;
    private final List<String> columns;
    private final PrintStream out;
    private final ObjectMapper mapper;

    public Output(Format format, boolean quiet, List<String> columns, PrintStream out, ObjectMapper mapper) {
        this.format = format;
        this.quiet = quiet;
        this.columns = columns == null ? List.of() : columns;
        this.out = out;
        this.mapper = mapper.copy().enable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    public boolean quiet() {
        return quiet;
    }

    /** A model (or a JsonNode, or a Map) as the API's JSON. */
    public JsonNode tree(Object value) {
        return value instanceof JsonNode node ? node : mapper.valueToTree(value);
    }

    /** A list of resources; {@code defaults} are the table's columns when {@code -c} names none. */
    public void list(List<?> items, List<Column> defaults) {
        List<JsonNode> rows = items.stream().map(this::tree).toList();
        if (quiet) {
            rows.forEach(row -> out.println(Values.text(row.path("id"))));
            return;
        }
        List<Column> shown = shown(defaults);
        switch (format) {
            case json, yaml -> {
                ArrayNode array = mapper.createArrayNode();
                rows.forEach(row -> array.add(kept(row, shown)));
                print(array);
            }
            case value -> rows.forEach(row -> out.println(String.join(" ", cells(row, shown))));
            case table -> {
                Table table = new Table(shown.stream().map(Column::header).toList());
                rows.forEach(row -> table.add(cells(row, shown)));
                out.print(table.render());
            }
        }
    }

    /** A list printed a batch at a time as it grows ({@code events --follow}); see {@link Rows}. */
    public Rows rows(List<Column> defaults) {
        return new Rows(shown(defaults));
    }

    /**
     * The rows of a list that grows while it is printed: a table's header once, with the first rows, its columns as
     * wide as those needed (a longer cell later widens its column from its row on); JSON one compact object a line (JSON
     * Lines), YAML one document each, {@code value} a line each.
     */
    public final class Rows {
        private final List<Column> shown;
        private int[] widths;

        private Rows(List<Column> shown) {
            this.shown = shown;
        }

        public void add(List<?> items) {
            List<JsonNode> rows = items.stream().map(Output.this::tree).toList();
            switch (format) {
                case json -> rows.forEach(row -> out.println(compact(kept(row, shown))));
                case yaml -> rows.forEach(row -> {
                    out.println("---");
                    print(kept(row, shown));
                });
                case value -> rows.forEach(row -> out.println(String.join(" ", cells(row, shown))));
                case table -> {
                    if (widths == null && rows.isEmpty()) {
                        return; // the header comes with the first rows, whose widths it takes
                    }
                    if (widths == null) {
                        Table first = new Table(shown.stream().map(Column::header).toList());
                        rows.forEach(row -> first.add(cells(row, shown)));
                        out.print(first.render());
                        widths = first.widths();
                    } else {
                        rows.forEach(row -> out.print(Table.row(cells(row, shown), widths)));
                    }
                }
            }
            out.flush();
        }
    }

    private List<Column> shown(List<Column> defaults) {
        return columns.isEmpty() ? defaults : columns.stream().map(c -> column(c, defaults)).toList();
    }

    private static List<String> cells(JsonNode row, List<Column> shown) {
        return shown.stream().map(c -> c.cell().apply(row)).toList();
    }

    /** The row as it is, or only the members {@code -c} names. */
    private JsonNode kept(JsonNode row, List<Column> shown) {
        return columns.isEmpty() ? row : keep(row, shown);
    }

    private String compact(JsonNode node) {
        try {
            return mapper.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One resource: every member, or those {@code -c} names. */
    public void show(Object item) {
        JsonNode node = tree(item);
        if (quiet) {
            out.println(Values.text(node.path("id")));
            return;
        }
        List<String> fields = columns.isEmpty() ? names(node) : columns;
        switch (format) {
            case json, yaml -> print(columns.isEmpty() ? node : keep(node, fields.stream()
                    .map(f -> Column.of(f, f)).toList()));
            case value -> fields.forEach(f -> out.println(Values.text(Values.at(node, f))));
            case table -> {
                Table table = new Table(List.of("FIELD", "VALUE"));
                fields.forEach(f -> table.add(List.of(f, Values.text(Values.at(node, f)))));
                out.print(table.render());
            }
        }
    }

    /** A line of text (a console, a private key): as it is, whatever the format. */
    public void text(String text) {
        out.print(text);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            out.println();
        }
    }

    private void print(JsonNode node) {
        try {
            if (format == Format.yaml) {
                out.print(yaml().writeValueAsString(node));
            } else {
                out.println(mapper.writeValueAsString(node));
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static YAMLMapper yaml() {
        return YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();
    }

    private static Column column(String name, List<Column> defaults) {
        return defaults.stream().filter(c -> c.named(name)).findFirst().orElse(Column.of(name, name));
    }

    /** The members the columns name, under their field names (a dotted path becomes a nested object). */
    private ObjectNode keep(JsonNode row, List<Column> kept) {
        ObjectNode reduced = mapper.createObjectNode();
        for (Column c : kept) {
            JsonNode value = Values.at(row, c.field());
            if (!value.isMissingNode()) {
                reduced.set(c.field(), value);
            }
        }
        return reduced;
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            names.add(it.next().getKey());
        }
        return names;
    }
}
