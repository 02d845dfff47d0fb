package dev.stratus.cli.output;

import java.util.ArrayList;
import java.util.List;

/** Left-aligned columns separated by two spaces, the header first; the last column is not padded. */
public final class Table {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(List<String> headers) {
        this.headers = headers;
    }

    public Table add(List<String> row) {
        rows.add(row.stream().map(Table::oneLine).toList());
        return this;
    }

    /** Control characters (a newline in a description) would break the columns: shown as spaces. */
    private static String oneLine(String cell) {
        return cell == null ? "" : cell.replaceAll("[\\p{Cntrl}]", " ");
    }

    public String render() {
        int[] widths = widths();
        StringBuilder out = new StringBuilder();
        line(out, headers, widths);
        for (List<String> row : rows) {
            line(out, row, widths);
        }
        return out.toString();
    }

    /** Each column's width: its longest cell, the header's included. */
    public int[] widths() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        return widths;
    }

    /** One more row under a table printed with {@code widths}: a longer cell widens its column from here on. */
    public static String row(List<String> cells, int[] widths) {
        List<String> clean = cells.stream().map(Table::oneLine).toList();
        for (int i = 0; i < widths.length; i++) {
            widths[i] = Math.max(widths[i], clean.get(i).length());
        }
        StringBuilder out = new StringBuilder();
        line(out, clean, widths);
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(cells.get(i));
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - cells.get(i).length() + 2));
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
