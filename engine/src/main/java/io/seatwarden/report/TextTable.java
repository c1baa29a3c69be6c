package io.seatwarden.report;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns: text columns left-aligned, numeric ones right-aligned. */
public final class TextTable {
    private final List<String> header;
    private final boolean[] numeric;
    private final List<List<String>> rows = new ArrayList<>();

    /** @param numericColumns indexes of the right-aligned columns */
    public TextTable(List<String> header, int... numericColumns) {
        this.header = List.copyOf(header);
        this.numeric = new boolean[header.size()];
        for (int column : numericColumns) {
            numeric[column] = true;
        }
    }

    public TextTable row(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("a row needs " + header.size() + " cells, not " + cells.size());
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    /** Each line starts with {@code indent} and ends with {@code \n}, without trailing spaces. */
    public void appendTo(StringBuilder out, String indent) {
        int[] widths = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int column = 0; column < row.size(); column++) {
                widths[column] = Math.max(widths[column], width(row.get(column)));
            }
        }
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder(indent);
            for (int column = 0; column < row.size(); column++) {
                String cell = row.get(column);
                String padding = " ".repeat(widths[column] - width(cell));
                if (column > 0) {
                    line.append("  ");
                }
                line.append(numeric[column] ? padding + cell : cell + padding);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}
