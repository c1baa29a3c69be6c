package io.seatwarden.schedule;

import io.seatwarden.state.StateStore;
import io.seatwarden.state.StateStores;
import io.seatwarden.state.StateDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class QuartzSchemaTest {
    @TempDir
    Path directory;

    @Test
    void neverRunsTheScriptsDropStatements() {
        String script = "-- comment; with a semicolon\nDROP TABLE IF EXISTS QRTZ_LOCKS;\nCREATE TABLE QRTZ_LOCKS (A INT);\n"
                + "CREATE INDEX I ON QRTZ_LOCKS (A); -- trailing\ncommit;\n";
        assertThat(QuartzSchema.statements(script)).containsExactly("CREATE TABLE QRTZ_LOCKS (A INT)", "CREATE INDEX I ON QRTZ_LOCKS (A)");
    }

    @Test
    void installsQuartzTablesOnceAndKeepsTheirRows() throws Exception {
        StateDatabase database = new StateDatabase("jdbc:h2:file:" + directory.resolve("state"), Optional.empty(), Optional.empty());
        try (StateStore state = new StateStores(Clock.systemUTC()).open(database.config())) {
            DataSource pool = state.dataSource();
            QuartzSchema.install(database, pool);
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO QRTZ_LOCKS (SCHED_NAME, LOCK_NAME) VALUES ('seatwarden', 'TRIGGER_ACCESS')");
            }
            QuartzSchema.install(database, pool);
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM QRTZ_LOCKS")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(1);
            }
        }
    }
}
