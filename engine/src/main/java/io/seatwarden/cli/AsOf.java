package io.seatwarden.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** {@code --as-of}: an ISO-8601 instant ({@code 2026-12-09T08:00:00Z}) or a date ({@code 2026-12-09}, midnight UTC). */
final class AsOf {
    private AsOf() {}

    static Instant parse(String text) {
        try {
            return text.contains("T") ? Instant.parse(text) : LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new UserFacingException("--as-of '" + text + "': not an instant such as 2026-12-09T08:00:00Z or a date"
                    + " such as 2026-12-09 (midnight UTC)", e);
        }
    }
}
