package io.seatwarden.directory;

import java.util.UUID;
import java.util.regex.Pattern;

/** Strict GUID parsing: {@link UUID#fromString} accepts malformed text such as "1-2-3-4-5". */
public final class Guids {
    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Guids() {}

    public static boolean isGuid(String text) {
        return text != null && GUID.matcher(text).matches();
    }

    public static UUID parse(String text) {
        if (!isGuid(text)) {
            throw new IllegalArgumentException("not a GUID: '" + text + "'");
        }
        return UUID.fromString(text);
    }
}
