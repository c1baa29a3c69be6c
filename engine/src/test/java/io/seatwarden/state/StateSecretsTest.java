package io.seatwarden.state;

import io.seatwarden.testing.TestingClock;
import io.seatwarden.testing.TestingPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The state database's password appears in no log line, message or {@code toString}. */
class StateSecretsTest {
    private static final String SECRET = "s3cret-Pa55word";

    @RegisterExtension
    static final TestingPostgres POSTGRES = new TestingPostgres();

    @TempDir
    Path directory;

    private final StateStores stores = new StateStores(new TestingClock(Instant.parse("2026-11-23T02:00:00Z")), Duration.ofMillis(500));

    @Test
    void openingPostgresLogsNoPassword() {
        StateConfig config = new StateConfig(POSTGRES.createDatabase("secrets") + "?password=" + SECRET,
                Optional.of(POSTGRES.user()), Optional.of(SECRET));
        String logged = capturingStandardError(() -> {
            try (StateStore store = stores.open(config)) {
                assertThat(store.toString()).doesNotContain(SECRET).contains("password=***");
                assertThat(store.config().toString()).doesNotContain(SECRET);
            }
        });
        assertThat(logged).contains("V1__state.sql").doesNotContain(SECRET);
    }

    @Test
    void aRefusedConnectionNamesTheDatabaseButNotThePassword() {
        StateConfig config = new StateConfig("jdbc:postgresql://127.0.0.1:1/state?password=" + SECRET,
                Optional.of("seatwarden"), Optional.of(SECRET));
        StateException failure = catchThrowableOfType(StateException.class, () -> stores.open(config));
        assertThat(failure.getMessage()).contains("127.0.0.1:1/state?password=***").contains("refused").doesNotContain(SECRET);
    }

    @Test
    void aWrongH2PasswordIsReportedWithoutIt() {
        Path file = directory.resolve("state");
        StateConfig owner = new StateConfig(StateConfig.h2File(file).url(), Optional.of("sa"), Optional.of("right-one"));
        stores.open(owner).close();
        StateConfig wrong = new StateConfig(owner.url(), Optional.of("sa"), Optional.of(SECRET));
        StateException failure = catchThrowableOfType(StateException.class, () -> stores.open(wrong));
        assertThat(failure.getMessage()).contains("Wrong user name or password").doesNotContain(SECRET);
    }

    private static String capturingStandardError(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
