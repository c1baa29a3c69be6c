package io.seatwarden.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.seatwarden.schedule.JdbcRunLog;
import io.seatwarden.schedule.RunId;
import io.seatwarden.schedule.RunOutcome;
import io.seatwarden.schedule.RunRecord;
import io.seatwarden.schedule.RunSummary;
import io.seatwarden.schedule.StateDatabase;
import io.seatwarden.schedule.TenantKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RunsCommandTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private PrintStream originalOut;

    @TempDir
    Path directory;

    @BeforeEach
    void captureStreams() {
        originalErr = System.err;
        originalOut = System.out;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStreams() {
        System.setErr(originalErr);
        System.setOut(originalOut);
    }

    @Test
    void listsRecentRunsNewestFirstAsTextOrJson() {
        String url = "jdbc:h2:file:" + directory.resolve("state");
        StateDatabase database = new StateDatabase(url, Optional.empty(), Optional.empty());
        Instant start = Instant.parse("2026-11-23T02:00:00Z");
        try (HikariDataSource pool = database.openPool("test", 1)) {
            JdbcRunLog.install(database, pool);
            JdbcRunLog log = new JdbcRunLog(pool);
            record(log, "20261123T020000Z-aaaaaaaa", "contoso", start);
            log.finished(RunId.of("20261123T020000Z-aaaaaaaa"), new RunSummary(RunOutcome.SUCCEEDED, "applied 3 changes",
                    Map.of("add", 2, "remove", 1), Map.of("ENTERPRISEPACK", 4), 5, Duration.ZERO), start.plusSeconds(12));
            record(log, "20261123T020001Z-bbbbbbbb", "fabrikam", start.plusSeconds(1));
        }

        assertThat(Main.run("runs", "--state-url", url)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "RUN                        TENANT           OUTCOME        STARTED               SECONDS CHANGES                  MESSAGE",
                "20261123T020001Z-bbbbbbbb  fabrikam         RUNNING        2026-11-23T02:00:01Z        - -                        running",
                "20261123T020000Z-aaaaaaaa  contoso          SUCCEEDED      2026-11-23T02:00:00Z     12.0 add=2,remove=1           applied 3 changes");

        out.reset();
        assertThat(Main.run("runs", "--state-url", url, "--tenant", "contoso", "--format", "json")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("\"runId\" : \"20261123T020000Z-aaaaaaaa\"", "\"outcome\" : \"SUCCEEDED\"", "\"remove\" : 1",
                        "\"endedAt\" : \"2026-11-23T02:00:12Z\"")
                .doesNotContain("fabrikam");
    }

    @Test
    void anEmptyStateDatabaseHasNoRuns() {
        assertThat(Main.run("runs", "--state-url", "jdbc:h2:file:" + directory.resolve("empty"))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("no runs recorded" + System.lineSeparator());
    }

    @Test
    void anUnsupportedStateUrlIsAUserError() {
        assertThat(Main.run("runs", "--state-url", "jdbc:mysql://x/y")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: unsupported state database 'jdbc:mysql://x/y'");
    }

    @Test
    void runRefusesABadTenantsFileBeforeStartingAnything() throws Exception {
        Path tenants = java.nio.file.Files.writeString(directory.resolve("tenants.yaml"), "tenants:\n  - id: a\n    polices: p\n");

        int code = Main.run("run", "--tenants", tenants.toString(), "--state-url", "jdbc:h2:file:" + directory.resolve("state"),
                "--http-port", "-1");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(
                "error: " + tenants + ":2:5: 'policies' is missing",
                tenants + ":3:5: unknown key 'polices'");
    }

    private static void record(JdbcRunLog log, String runId, String tenant, Instant startedAt) {
        log.started(new RunRecord(RunId.of(runId), TenantKey.of(tenant), "node-1", RunOutcome.RUNNING, startedAt, startedAt,
                Optional.empty(), false, "running", Map.of(), 0, "/runs/" + tenant + "/" + runId));
    }
}
