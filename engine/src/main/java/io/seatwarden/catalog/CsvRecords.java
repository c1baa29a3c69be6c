package io.seatwarden.catalog;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records from a reader: fields separated by commas, optionally quoted with {@code "}
 * (a doubled quote inside is a quote), records ended by CRLF or LF. Quoted fields may span lines.
 */
final class CsvRecords {
    private final Reader reader;
    private final String source;
    private int line = 1;
    private int recordLine;
    private int pending = -2;

    CsvRecords(Reader reader, String source) {
        this.reader = reader;
        this.source = source;
    }

    /** The line the last record returned by {@link #next()} started on. */
    int recordLine() {
        return recordLine;
    }

    /** The next record, or null at the end. */
    List<String> next() throws IOException {
        int c = read();
        if (c == -1) {
            return null;
        }
        recordLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (quoted) {
                if (c == -1) {
                    throw new CatalogException(source + ":" + recordLine + ": a quoted field is not closed");
                }
                if (c == '"') {
                    int after = read();
                    if (after == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = after;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == ',' || c == '\n' || c == -1) {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
                if (c != ',') {
                    if (c == '\n') {
                        line++;
                    }
                    return fields;
                }
            } else if (c == '\r') {
                int after = read();
                if (after != '\n') {
                    unread(after);
                    field.append('\r');
                } else {
                    c = after;
                    continue;
                }
            } else if (c == '"' && field.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == '"') {
                throw new CatalogException(source + ":" + line + ": a quote inside an unquoted field");
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    private int read() throws IOException {
        if (pending != -2) {
            int c = pending;
            pending = -2;
            return c;
        }
        return reader.read();
    }

    private void unread(int c) {
        pending = c;
    }
}
