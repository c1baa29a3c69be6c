package io.seatwarden.state;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded H2 state writes every commit to its file before the commit returns (WRITE_DELAY 0),
 * also after H2 closed and reopened the database: it closes it with its last connection, which the
 * pool closes when idle. Found by {@code RepeatedKillsUnderFaultsTest}: H2 forgets WRITE_DELAY when
 * the database closes, so after a long retry wait the reopened database wrote commits up to 500 ms
 * late again, and a killed apply lost journal entries it had marked sent (their licenses were then
 * not recorded as the engine's).
 */
class H2WriteDelayTest {
    @TempDir
    Path directory;

    @Test
    void commitsReachTheFileAtOnceAlsoAfterTheDatabaseWasClosedAndReopened() throws SQLException {
        try (StateStore store = new StateStores(Clock.systemUTC()).open(StateConfig.h2File(directory.resolve("state")))) {
            assertThat(writeDelay(store)).containsOnly("0");

            // What the idle timeout does: the pool closes its idle connections, and with the last one H2 closes the database.
            HikariDataSource pool = (HikariDataSource) store.dataSource();
            pool.getHikariPoolMXBean().softEvictConnections();
            assertThat(pool.getHikariPoolMXBean().getTotalConnections()).as("no connection left open").isZero();

            // H2 lists the value it keeps with the database and the one in force: a reopened database keeps 0 but runs with 500.
            assertThat(writeDelay(store)).as("WRITE_DELAY of the reopened database").containsOnly("0");
        }
    }

    private static List<String> writeDelay(StateStore store) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = store.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        assertThat(values).as("H2 lists WRITE_DELAY").isNotEmpty();
        return values;
    }
}
