package io.seatwarden.state;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrationTest {
    @Test
    void theIndexListsEveryMigrationFileInVersionOrder() throws IOException {
        List<String> files;
        try (Stream<Path> paths = Files.list(Path.of("src/main/resources", Migration.DIRECTORY))) {
            files = paths.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".sql")).sorted().toList();
        }
        List<Migration> bundled = Migration.bundled();
        assertThat(bundled).extracting(Migration::fileName).containsExactlyInAnyOrderElementsOf(files);
        assertThat(bundled.get(0).version()).isEqualTo(1);
        for (int index = 1; index < bundled.size(); index++) {
            assertThat(bundled.get(index).version()).isGreaterThan(bundled.get(index - 1).version());
        }
    }

    @Test
    void splitsStatementsAtLineEndingSemicolonsAndDropsComments() {
        Migration migration = Migration.of("V3__add_things.sql", "-- a comment; not a statement\r\n"
                + "CREATE TABLE t (\r\n  a INTEGER -- trailing words stay\r\n);\r\n\r\nINSERT INTO t VALUES (1);\r\n");
        assertThat(migration.version()).isEqualTo(3);
        assertThat(migration.description()).isEqualTo("add things");
        assertThat(migration.statements()).containsExactly("CREATE TABLE t (\na INTEGER -- trailing words stay\n)",
                "INSERT INTO t VALUES (1)");
        assertThat(migration.checksum()).as("line endings do not change the checksum")
                .isEqualTo(Migration.of("V3__add_things.sql", "-- a comment; not a statement\n"
                        + "CREATE TABLE t (\n  a INTEGER -- trailing words stay\n);\n\nINSERT INTO t VALUES (1);\n").checksum());
    }

    @Test
    void refusesBadNamesAndUnterminatedStatements() {
        assertThatThrownBy(() -> Migration.of("V1_missing_underscore.sql", "SELECT 1;"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("V<version>__<description>.sql");
        assertThatThrownBy(() -> Migration.of("V1__x.sql", "SELECT 1").statements())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ends without ';'");
    }
}
