package io.multicloud.catalog.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file read by header name (RFC 4180 quoting). A row with more fields than the header has
 * its extra fields joined to the last column with commas: Azure's catalog ends 27,141 rows with
 * an unquoted {@code V1,V2} under one {@code Generation} column, and a parser that shifts or
 * rejects such rows loses half of Azure.
 */
final class Csv {
    private final List<String> header;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String[]> rows;
    private int widened;

    private Csv(List<String> header, List<String[]> rows) {
        this.header = header;
        this.rows = rows;
        for (int i = 0; i < header.size(); i++) {
            index.put(header.get(i).trim(), i);
        }
    }

    static Csv read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    static Csv parse(String text) {
        List<String[]> lines = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                fields.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || cell.length() > 0) {
                    fields.add(cell.toString());
                    lines.add(fields.toArray(String[]::new));
                }
                fields.clear();
                cell.setLength(0);
                any = false;
            } else {
                cell.append(c);
                any = true;
            }
        }
        if (any || cell.length() > 0) {
            fields.add(cell.toString());
            lines.add(fields.toArray(String[]::new));
        }
        if (lines.isEmpty()) {
            return new Csv(List.of(), List.of());
        }
        Csv csv = new Csv(List.of(lines.get(0)), new ArrayList<>());
        int width = lines.get(0).length;
        for (String[] line : lines.subList(1, lines.size())) {
            if (line.length > width && width > 0) {
                String[] fixed = new String[width];
                System.arraycopy(line, 0, fixed, 0, width - 1);
                fixed[width - 1] = String.join(",", java.util.Arrays.copyOfRange(line, width - 1, line.length));
                csv.rows.add(fixed);
                csv.widened++;
            } else {
                csv.rows.add(line);
            }
        }
        return csv;
    }

    List<String> header() {
        return header;
    }

    List<String[]> rows() {
        return rows;
    }

    /** How many rows had more fields than the header (joined into the last column). */
    int widened() {
        return widened;
    }

    boolean has(String column) {
        return index.containsKey(column);
    }

    /** A cell by column name, trimmed; empty when the row is short or the column is absent. */
    String get(String[] row, String column) {
        Integer i = index.get(column);
        return i == null || i >= row.length ? "" : row[i].trim();
    }
}
