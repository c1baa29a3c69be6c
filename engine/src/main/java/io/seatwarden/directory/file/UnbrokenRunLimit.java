package io.seatwarden.directory.file;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Stops a YAML tenant file at a run of more characters without a space or line break than
 * {@link #MAX_RUN}. SnakeYAML's time grows with the square of such a run (it copies its buffer for
 * every kilobyte of one token), so a 50 MB value would hang the reader; no Graph property comes
 * near the limit. Counts lines and columns to name the place.
 */
final class UnbrokenRunLimit extends FilterReader {
    /** A few hundredths of a second of SnakeYAML's time at worst. */
    static final int MAX_RUN = 256 * 1024;

    private final String source;
    private int run;
    private long line = 1;
    private long column = 1;
    private long runLine;
    private long runColumn;

    UnbrokenRunLimit(Reader in, String source) {
        super(in);
        this.source = source;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        for (int i = offset; i < offset + read; i++) {
            count(buffer[i]);
        }
        return read;
    }

    private void count(char c) {
        if (c == '\n') {
            line++;
            column = 1;
            run = 0;
            return;
        }
        if (c == ' ' || c == '\t' || c == '\r') {
            run = 0;
        } else if (run++ == 0) {
            runLine = line;
            runColumn = column;
        } else if (run > MAX_RUN) {
            throw new TenantFileException(source + ":" + runLine + ":" + runColumn + ": more than " + MAX_RUN
                    + " characters without a space or line break; no value in a tenant file is that long"
                    + " (a minified file? write it as JSON)");
        }
        column++;
    }
}
