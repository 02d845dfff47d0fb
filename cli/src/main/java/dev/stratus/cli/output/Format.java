package dev.stratus.cli.output;

/** {@code -o}: how results are printed on stdout. */
public enum Format {
    /** Aligned columns with a header (a list), or a FIELD / VALUE table (one resource); the default. */
    table,
    /** The API's JSON: an array for a list, an object for one resource. */
    json,
    /** The same as YAML. */
    yaml,
    /** Bare values, no header: a line per row with its columns separated by a space, or a line per field. */
    value
}
