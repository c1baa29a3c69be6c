package io.seatwarden.schedule;

import io.seatwarden.state.StateConfig;
import io.seatwarden.state.StateDatabase;
import io.seatwarden.state.StateException;
import org.quartz.Scheduler;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Creates Quartz's {@code QRTZ_} tables from the scripts in the Quartz jar on first start.
 * Idempotent and safe when two nodes start at once: the tables are created under the database's
 * schema lock, only when missing, and the scripts' {@code DROP TABLE} lines are never run.
 */
public final class QuartzSchema {
    private QuartzSchema() {}

    public static void install(StateDatabase database, DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            database.inSchemaLock(connection, locked -> {
                if (StateDatabase.tableExists(locked, "qrtz_locks")) {
                    return;
                }
                try (Statement statement = locked.createStatement()) {
                    for (String sql : statements(script(database.kind()))) {
                        statement.execute(sql);
                    }
                }
            });
        } catch (SQLException e) {
            throw new StateException("cannot create Quartz's tables: " + e.getMessage(), e);
        }
    }

    private static String script(StateConfig.Kind kind) {
        String name = switch (kind) {
            case H2 -> "tables_h2.sql";
            case POSTGRESQL -> "tables_postgres.sql";
        };
        try (InputStream in = Scheduler.class.getResourceAsStream("/org/quartz/impl/jdbcjobstore/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the Quartz jar has no " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name + " from the Quartz jar", e);
        }
    }

    /** The script's CREATE and ALTER statements: comments dropped, DROP and COMMIT skipped. */
    static List<String> statements(String script) {
        StringBuilder withoutComments = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            int comment = line.indexOf("--");
            withoutComments.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
        }
        List<String> statements = new ArrayList<>();
        for (String statement : withoutComments.toString().split(";")) {
            String trimmed = statement.strip();
            String upper = trimmed.toUpperCase(Locale.ROOT);
            if (trimmed.isEmpty() || upper.startsWith("DROP ") || upper.equals("COMMIT")) {
                continue;
            }
            statements.add(trimmed);
        }
        return List.copyOf(statements);
    }
}
