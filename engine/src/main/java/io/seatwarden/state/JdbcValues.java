package io.seatwarden.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Conversions shared by the JDBC stores: times as UTC {@code TIMESTAMP WITH TIME ZONE}, to the microsecond both databases keep. */
final class JdbcValues {
    private static final String UNIQUE_VIOLATION = "23505";

    private JdbcValues() {}

    /** The instant as the database stores it (microseconds), so what is written reads back equal. */
    static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, OffsetDateTime.ofInstant(stored(instant), ZoneOffset.UTC));
    }

    static Instant getInstant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        if (value == null) {
            throw new SQLException("column " + column + " is null");
        }
        return value.toInstant();
    }

    static Optional<Instant> getOptionalInstant(ResultSet rows, String column) throws SQLException {
        return Optional.ofNullable(rows.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    static boolean isUniqueViolation(SQLException e) {
        for (SQLException current = e; current != null; current = current.getNextException()) {
            if (UNIQUE_VIOLATION.equals(current.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The exception's message, with its cause's when it adds something (the pool's time-out says
     * only that it timed out; its cause says why: refused, wrong password, unknown database).
     */
    static String describe(SQLException e) {
        String message = String.valueOf(e.getMessage());
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            return message + ": " + cause.getMessage();
        }
        return message;
    }

    static String truncate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }
}
