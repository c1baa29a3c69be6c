package io.seatwarden.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestingPostgresTest {
    @RegisterExtension
    static final TestingPostgres POSTGRES = new TestingPostgres();

    @Test
    void servesPostgresFifteenOnLoopback() throws SQLException {
        assertThat(POSTGRES.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:" + POSTGRES.port() + "/testingpostgrestest_");
        try (Connection connection = DriverManager.getConnection(POSTGRES.jdbcUrl(), POSTGRES.user(), "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW server_version_num")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isBetween(150000, 159999);
        }
    }

    @Test
    void binariesComeFromMavenNotFromTheSystem() {
        Path bin = TestingPostgres.binaries(Map.of());
        assertThat(bin).startsWith(Path.of(System.getProperty("java.io.tmpdir")));
        assertThat(bin.toString()).doesNotContain("/usr/lib/postgresql");
        assertThat(bin.resolve(PostgresBinaries.executable("initdb"))).isExecutable();
        assertThat(TestingPostgres.binaries(Map.of())).as("unpacked once, then reused").isEqualTo(bin);
    }

    @Test
    void missingConfiguredBinariesFailSayingWhichFile() {
        assertThatThrownBy(() -> TestingPostgres.binaries(Map.of("SEATWARDEN_POSTGRES_BIN", "/nonexistent/postgresql/bin")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SEATWARDEN_POSTGRES_BIN=/nonexistent/postgresql/bin")
                .hasMessageContaining(Path.of("/nonexistent/postgresql/bin").resolve(PostgresBinaries.executable("initdb")) + " is missing");
    }

    @Test
    void archiveNamesMatchTheEmbeddedBinariesJars() {
        assertThat(PostgresBinaries.archiveName("Linux", "amd64")).isEqualTo("postgres-linux-x86_64.txz");
        assertThat(PostgresBinaries.archiveName("Linux", "aarch64")).isEqualTo("postgres-linux-arm_64.txz");
        assertThat(PostgresBinaries.archiveName("Mac OS X", "x86_64")).isEqualTo("postgres-darwin-x86_64.txz");
        assertThat(PostgresBinaries.archiveName("Mac OS X", "aarch64")).isEqualTo("postgres-darwin-arm_64.txz");
        assertThat(PostgresBinaries.archiveName("Windows 11", "amd64")).isEqualTo("postgres-windows-x86_64.txz");
    }

    @Test
    void createsSeparateDatabases() throws SQLException {
        String first = POSTGRES.createDatabase("Other-Name");
        String second = POSTGRES.createDatabase("Other-Name");
        assertThat(first).isNotEqualTo(second).contains("/other_name_");
        try (Connection connection = DriverManager.getConnection(first, POSTGRES.user(), "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE only_here (id INT)");
        }
        try (Connection connection = DriverManager.getConnection(second, POSTGRES.user(), "");
                ResultSet tables = connection.getMetaData().getTables(null, null, "only_here", null)) {
            assertThat(tables.next()).isFalse();
        }
    }
}
