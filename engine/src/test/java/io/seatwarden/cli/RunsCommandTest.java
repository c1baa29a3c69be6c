package io.seatwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.file.TenantFileMapper;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.GraphEmulator;
import io.seatwarden.state.RunCounts;
import io.seatwarden.state.RunHistory;
import io.seatwarden.state.RunId;
import io.seatwarden.state.RunKind;
import io.seatwarden.state.RunOutcome;
import io.seatwarden.state.StateConfig;
import io.seatwarden.state.StateStore;
import io.seatwarden.state.StateStores;
import io.seatwarden.testing.TestingClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static io.seatwarden.testing.TestingTenant.tenant;
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
    void listsEveryKindOfRunNewestFirstAsTextOrJson() throws IOException {
        String url = "jdbc:h2:file:" + directory.resolve("state");
        TestingClock clock = new TestingClock(Instant.parse("2026-11-23T02:00:00Z"));
        try (StateStore state = new StateStores(clock).open(new StateConfig(url, Optional.empty(), Optional.empty()))) {
            RunHistory history = state.runs();
            RunId scheduled = RunId.of("20261123T020000Z-aaaaaaaa");
            history.begin(scheduled, TenantId.of("contoso"), RunKind.SCHEDULED, "node-1");
            history.reportsWritten(scheduled, "/runs/contoso/20261123T020000Z-aaaaaaaa");
            clock.advance(Duration.ofSeconds(12));
            history.finish(scheduled, RunOutcome.PARTIAL, new RunCounts(3, 2, 1, 0, 0, 4), "1 change failed");
            history.begin(RunId.of("20261123T020100Z-bbbbbbbb"), TenantId.of("fabrikam"), RunKind.APPLY, "laptop");
            clock.advance(Duration.ofSeconds(60));
            history.begin(RunId.of("20261123T020200Z-cccccccc"), TenantId.of("contoso"), RunKind.UNDO, "laptop");
        }

        assertThat(Main.run("runs", "--state-url", url)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "RUN                        TENANT           KIND      NODE         OUTCOME        STARTED               SECONDS"
                        + " CHANGES          MESSAGE",
                "20261123T020200Z-cccccccc  contoso          UNDO      laptop       RUNNING        2026-11-23T02:01:12Z        -"
                        + " -",
                "20261123T020100Z-bbbbbbbb  fabrikam         APPLY     laptop       RUNNING        2026-11-23T02:00:12Z        -"
                        + " -",
                "20261123T020000Z-aaaaaaaa  contoso          SCHEDULED node-1       PARTIAL        2026-11-23T02:00:00Z     12.0"
                        + " 2/3 ok,1 failed,4 skipped 1 change failed",
                "    reports: /runs/contoso/20261123T020000Z-aaaaaaaa");

        out.reset();
        assertThat(Main.run("runs", "--state-url", url, "--tenant", "contoso", "--limit", "1", "--format", "json")).isZero();
        JsonNode runs = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).path("runs");
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).path("runId").asText()).isEqualTo("20261123T020200Z-cccccccc");
        assertThat(runs.get(0).path("kind").asText()).isEqualTo("UNDO");
        assertThat(runs.get(0).path("finishedAt").isNull()).isTrue();

        out.reset();
        assertThat(Main.run("runs", "--state-url", url, "--tenant", "contoso", "--format", "json")).isZero();
        JsonNode both = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).path("runs");
        assertThat(both).hasSize(2);
        JsonNode partial = both.get(1);
        assertThat(partial.path("outcome").asText()).isEqualTo("PARTIAL");
        assertThat(partial.path("kind").asText()).isEqualTo("SCHEDULED");
        assertThat(partial.path("node").asText()).isEqualTo("node-1");
        assertThat(partial.path("startedAt").asText()).isEqualTo("2026-11-23T02:00:00Z");
        assertThat(partial.path("finishedAt").asText()).isEqualTo("2026-11-23T02:00:12Z");
        assertThat(partial.path("durationSeconds").asDouble()).isEqualTo(12.0);
        assertThat(partial.path("counts").path("failed").asInt()).isEqualTo(1);
        assertThat(partial.path("counts").path("skipped").asInt()).isEqualTo(4);
        assertThat(partial.path("reportDirectory").asText()).isEqualTo("/runs/contoso/20261123T020000Z-aaaaaaaa");
    }

    @Test
    void aManualApplyShowsUpInRuns() throws IOException {
        try (GraphEmulator emulator = GraphEmulator.start(TenantFileMapper.toFile(
                tenant().sku("E3", 10).group("Sales").user("alice").inGroup("Sales").build()), EmulatorOptions.defaults())) {
            Path policies = Files.createDirectories(directory.resolve("policies"));
            Files.writeString(policies.resolve("policies.yaml"), "policies:\n  - name: sales\n    group: Sales\n    licenses:\n      - sku: E3\n");
            String url = "jdbc:h2:file:" + directory.resolve("state") + "";
            assertThat(Main.run("apply", "--graph-url", emulator.baseUrl(), "--policies", policies.toString(), "--state-url", url,
                    "--yes", "--format", "json")).isZero();
            String appliedRun = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).path("runId").asText();
            assertThat(appliedRun).isNotEmpty();

            out.reset();
            assertThat(Main.run("runs", "--state-url", url, "--format", "json")).isZero();
            JsonNode runs = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).path("runs");
            assertThat(runs).hasSize(1);
            assertThat(runs.get(0).path("runId").asText()).isEqualTo(appliedRun);
            assertThat(runs.get(0).path("kind").asText()).isEqualTo("APPLY");
            assertThat(runs.get(0).path("outcome").asText()).isEqualTo("SUCCEEDED");
            assertThat(runs.get(0).path("counts").path("succeeded").asInt()).isEqualTo(1);
            assertThat(runs.get(0).path("reportDirectory").isNull()).isTrue();
        }
    }

    @Test
    void anEmptyStateDatabaseHasNoRuns() {
        assertThat(Main.run("runs", "--state-url", "jdbc:h2:file:" + directory.resolve("empty"))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("no runs recorded" + System.lineSeparator());
    }

    @Test
    void anUnsupportedStateUrlIsAUserError() {
        assertThat(Main.run("runs", "--state-url", "jdbc:mysql://x/y")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: unsupported state database URL 'jdbc:mysql://x/y'");
    }

    @Test
    void runRefusesABadTenantsFileBeforeStartingAnything() throws Exception {
        Path tenants = Files.writeString(directory.resolve("tenants.yaml"), "tenants:\n  - id: a\n    polices: p\n");

        int code = Main.run("run", "--tenants", tenants.toString(), "--state-url", "jdbc:h2:file:" + directory.resolve("state"),
                "--http-port", "-1");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(
                "error: " + tenants + ":2:5: 'policies' is missing",
                tenants + ":3:5: unknown key 'polices'");
    }
}
