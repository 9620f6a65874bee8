package io.multicloud.core.mci;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with left-aligned columns, for the {@code toString()} of reviews and estimates in JShell. */
final class ReviewTable {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    ReviewTable(String... header) {
        this.columns = header.length;
        rows.add(header);
    }

    /** Adds a row; missing cells are blank, null cells print as {@code -}. */
    ReviewTable row(String... cells) {
        String[] row = new String[columns];
        for (int i = 0; i < columns; i++) {
            row[i] = i < cells.length && cells[i] != null ? cells[i] : (i < cells.length ? "-" : "");
        }
        rows.add(row);
        return this;
    }

    @Override
    public String toString() {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(row[i]);
                if (i < columns - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
