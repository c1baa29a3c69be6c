package io.seatwarden.state;

import io.seatwarden.directory.TenantId;
import io.seatwarden.testing.TestingClock;
import io.seatwarden.testing.TestingPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two real processes on one state database: the apply lease keeps them apart, and a lease left by
 * a killed process is taken over once it expires. On the embedded H2 default no process serves the
 * file to others (nothing listens on the network): processes take turns with the file, each holding
 * it only while it uses it, and a process that finds it in use waits for it (then says so).
 */
class CrossProcessStateTest {
    private static final TenantId TENANT = TenantId.of("33333333-3333-3333-3333-333333333333");

    @RegisterExtension
    static final TestingPostgres POSTGRES = new TestingPostgres();

    @TempDir
    Path directory;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() {
        children.forEach(Process::destroyForcibly);
    }

    @Test
    void h2FileTakenInTurns() throws Exception {
        leaseKeepsProcessesApartAndOutlivesAKilledHolder(StateConfig.h2File(directory.resolve("state")), "");
    }

    @Test
    void anH2FileInUseByAnotherProcessIsWaitedForThenOpened() throws Exception {
        StateConfig config = StateConfig.h2File(directory.resolve("state"));
        Process holder = start(config, "", "hold-open");
        BufferedReader holderOutput = output(holder);
        assertThat(holderOutput.readLine()).isEqualTo("OPEN");
        Writer holderInput = new java.io.OutputStreamWriter(holder.getOutputStream(), StandardCharsets.UTF_8);
        List<Duration> pauses = new ArrayList<>();
        // The first pause asks the holder to close the file and waits until it has: no sleeping on a guess.
        StateStores.Pause untilClosed = duration -> {
            pauses.add(duration);
            if (pauses.size() == 1) {
                try {
                    holderInput.write("CLOSE\n");
                    holderInput.flush();
                    assertThat(holderOutput.readLine()).isEqualTo("CLOSED");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        try (StateStore store = new StateStores(new TestingClock(Instant.now()), Duration.ofSeconds(10), Duration.ofSeconds(60), untilClosed)
                .open(config)) {
            assertThat(store.locks().tryAcquire(TENANT, "parent", Duration.ofMinutes(2))).isPresent();
        }
        assertThat(pauses).as("the parent found the file in use and waited").isNotEmpty();
    }

    @Test
    void anH2FileInUseForLongerThanTheWaitIsAClearError() throws Exception {
        StateConfig config = StateConfig.h2File(directory.resolve("state"));
        Process holder = start(config, "", "hold-open");
        assertThat(output(holder).readLine()).isEqualTo("OPEN");
        List<Duration> pauses = new ArrayList<>();
        StateStores stores = new StateStores(new TestingClock(Instant.now()), Duration.ofSeconds(10), Duration.ofSeconds(2), pauses::add);

        assertThatThrownBy(() -> stores.open(config))
                .isInstanceOf(StateException.class)
                .hasMessageContaining("is in use by another Seatwarden process on this machine")
                .hasMessageContaining("waited 2 s")
                .hasMessageContaining("PostgreSQL");
        // bounded: 2 s in steps of 250 ms, paused through the injected pause, not slept
        assertThat(pauses).hasSize(7).allMatch(pause -> pause.equals(Duration.ofMillis(250)));
    }

    @Test
    void postgres() throws Exception {
        leaseKeepsProcessesApartAndOutlivesAKilledHolder(
                new StateConfig(POSTGRES.createDatabase("cross_process"), Optional.of(POSTGRES.user()), Optional.empty()),
                POSTGRES.user());
    }

    @Test
    void processesStartingTogetherOnAFreshH2FileMigrateItAndOneGetsTheLease() throws Exception {
        processesStartingTogether(StateConfig.h2File(directory.resolve("fresh")), "");
    }

    @Test
    void processesStartingTogetherOnAFreshPostgresDatabase() throws Exception {
        processesStartingTogether(new StateConfig(POSTGRES.createDatabase("fresh"), Optional.of(POSTGRES.user()), Optional.empty()),
                POSTGRES.user());
    }

    private void processesStartingTogether(StateConfig config, String user) throws Exception {
        List<Process> started = new ArrayList<>();
        for (int index = 0; index < 3; index++) {
            started.add(start(config, user));
        }
        List<String> answers = new ArrayList<>();
        StringBuilder errors = new StringBuilder();
        for (Process process : started) {
            String answer = output(process).readLine();
            answers.add(String.valueOf(answer));
            if (answer == null) { // the child died: say why
                errors.append(Files.readString(errorLog(process))).append('\n');
            }
        }
        assertThat(answers).as("child processes' stderr: %s", errors).containsOnly("HELD", "BUSY").containsOnlyOnce("HELD");
        try (StateStore store = new StateStores(new TestingClock(Instant.now())).open(config);
                java.sql.Connection connection = store.dataSource().getConnection();
                java.sql.ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM seatwarden_schema_version")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(Migration.bundled().size());
        }
    }

    private void leaseKeepsProcessesApartAndOutlivesAKilledHolder(StateConfig config, String user) throws Exception {
        Process first = start(config, user);
        BufferedReader firstOutput = output(first);
        assertThat(firstOutput.readLine()).isEqualTo("HELD");

        // The parent opens the state only while it uses it, as the children do: an H2 file is open in one process at a time.
        TestingClock clock = new TestingClock(Instant.now());
        StateStores stores = new StateStores(clock);
        try (StateStore store = stores.open(config)) {
            assertThat(store.locks().tryAcquire(TENANT, "parent", Duration.ofMinutes(2))).isEmpty();
            assertThat(store.locks().holder(TENANT).orElseThrow().owner()).isEqualTo("child-" + first.pid());
        }
        Writer firstInput = new java.io.OutputStreamWriter(first.getOutputStream(), StandardCharsets.UTF_8);
        firstInput.write("RELEASE\n");
        firstInput.flush();
        assertThat(firstOutput.readLine()).isEqualTo("RELEASED");
        Process second = start(config, user);
        assertThat(output(second).readLine()).isEqualTo("HELD");

        // The holder dies without releasing: its lease stays until it expires, then another process takes over.
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        if (config.kind() == StateConfig.Kind.H2) {
            // A process killed with the file open leaves no lock behind (H2 locks the file through the OS).
            Process holder = start(config, user, "hold-open");
            assertThat(output(holder).readLine()).isEqualTo("OPEN");
            holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        List<Duration> pauses = new ArrayList<>();
        try (StateStore store = new StateStores(clock, Duration.ofSeconds(10), Duration.ofSeconds(60), pauses::add).open(config)) {
            assertThat(pauses).as("nothing holds the file of a killed process").isEmpty();
            assertThat(store.locks().tryAcquire(TENANT, "parent", Duration.ofMinutes(2))).isEmpty();
            clock.advance(Duration.ofMinutes(3));
            Lease takenOver = store.locks().tryAcquire(TENANT, "parent", Duration.ofMinutes(2)).orElseThrow();
            assertThat(store.locks().holder(TENANT)).contains(takenOver);
        }
    }

    private Process start(StateConfig config, String user, String... mode) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                LeaseHolderProcess.class.getName(), config.url(), TENANT.value(), user));
        command.addAll(List.of(mode));
        Process process = new ProcessBuilder(command)
                .redirectError(directory.resolve("child-" + children.size() + ".err").toFile())
                .start();
        children.add(process);
        return process;
    }

    private Path errorLog(Process process) {
        return directory.resolve("child-" + children.indexOf(process) + ".err");
    }

    private static BufferedReader output(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }
}
