package io.seatwarden.directory.file;

import com.fasterxml.jackson.core.JsonLocation;

/**
 * Where an entry of a tenant file starts, for error messages: {@code file:line:column}, or just the file.
 * Formatted only when a message needs it: a tenant file has millions of entries and few errors.
 */
record Place(String source, JsonLocation location) {
    static Place of(String source) {
        return new Place(source, null);
    }

    @Override
    public String toString() {
        return location == null ? source : source + ":" + location.getLineNr() + ":" + location.getColumnNr();
    }
}
