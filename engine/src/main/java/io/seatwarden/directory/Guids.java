package io.seatwarden.directory;

import java.util.UUID;

/** Strict GUID parsing: {@link UUID#fromString} accepts malformed text such as "1-2-3-4-5". */
public final class Guids {
    private Guids() {}

    /** 8-4-4-4-12 hexadecimal digits. A loop rather than a regex: tenant files hold millions of GUIDs. */
    public static boolean isGuid(String text) {
        if (text == null || text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !isHexDigit(c)) {
                return false;
            }
        }
        return true;
    }

    /** ASCII only: {@link Character#digit} also takes other scripts' digits, which no GUID holds. */
    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    public static UUID parse(String text) {
        if (!isGuid(text)) {
            throw new IllegalArgumentException("not a GUID: '" + text + "'");
        }
        return UUID.fromString(text);
    }
}
