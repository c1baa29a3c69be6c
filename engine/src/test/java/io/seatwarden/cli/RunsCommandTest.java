package io.seatwarden.cli;

import io.seatwarden.testing.StandardStreams;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.file.TenantFileMapper;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.GraphEmulator;
import io.seatwarden.state.GraphTraffic;
import io.seatwarden.state.RunCounts;
import io.seatwarden.state.RunHistory;
import io.seatwarden.state.RunId;
import io.seatwarden.state.RunKind;
import io.seatwarden.state.RunOutcome;
import io.seatwarden.state.ScheduledStart;
import io.seatwarden.state.StateConfig;
import io.seatwarden.state.StateStore;
import io.seatwarden.state.StateStores;
import io.seatwarden.testing.TestingClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.seatwarden.testing.TestingTenant.tenant;
import static org.assertj.core.api.Assertions.assertThat;

class RunsCommandTest {
    @RegisterExtension
    final StandardStreams streams = new StandardStreams();
    private final ByteArrayOutputStream out = streams.out;
    private final ByteArrayOutputStream err = streams.err;

    @TempDir
    Path directory;


    @Test
    void listsEveryKindOfRunNewestFirstAsTextOrJson() throws IOException {
        String url = "jdbc:h2:file:" + directory.resolve("state");
        TestingClock clock = new TestingClock(Instant.parse("2026-11-23T02:00:00Z"));
        try (StateStore state = new StateStores(clock).open(new StateConfig(url, Optional.empty(), Optional.empty()))) {
            RunHistory history = state.runs();
            // A scheduled run that stopped before it read the tenant: known by its job only.
            RunId early = RunId.of("20261123T015900Z-eeeeeeee");
            history.beginScheduled(early, new ScheduledStart("contoso", Instant.parse("2026-11-23T01:59:00Z"), false), "node-1");
            history.finish(early, RunOutcome.FAILED, RunCounts.none(), "invalid policies (1 problem; first: policies/a.yaml:3:5: unknown key)");
            RunId scheduled = RunId.of("20261123T020000Z-aaaaaaaa");
            history.beginScheduled(scheduled, new ScheduledStart("contoso", Instant.parse("2026-11-23T02:00:00Z"), false), "node-1");
            history.begin(scheduled, TenantId.of("11111111-2222-3333-4444-555555555555"), RunKind.SCHEDULED, "node-1");
            history.reportsWritten(scheduled, "/runs/contoso/20261123T020000Z-aaaaaaaa");
            history.trafficSent(scheduled, new GraphTraffic(9, Duration.ofMillis(1500)));
            clock.advance(Duration.ofSeconds(12));
            history.finish(scheduled, RunOutcome.CHANGES_FAILED, new RunCounts(3, 2, 1, 0, 0, 4), "1 change failed");
            history.begin(RunId.of("20261123T020100Z-bbbbbbbb"), TenantId.of("fabrikam"), RunKind.APPLY, "a-much-longer-host-name");
            clock.advance(Duration.ofSeconds(60));
            history.begin(RunId.of("20261123T020200Z-cccccccc"), TenantId.of("11111111-2222-3333-4444-555555555555"), RunKind.UNDO, "laptop");
        }

        assertThat(Main.run("runs", "--state-url", url)).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).containsExactly(
                "RUN                        TENANT                                KIND       NODE                     OUTCOME         STARTED"
                        + "               SECONDS  CHANGES                    MESSAGE",
                "20261123T020200Z-cccccccc  11111111-2222-3333-4444-555555555555  UNDO       laptop                   RUNNING         2026-11-23T02:01:12Z"
                        + "        -  -",
                "20261123T020100Z-bbbbbbbb  fabrikam                              APPLY      a-much-longer-host-name  RUNNING         2026-11-23T02:00:12Z"
                        + "        -  -",
                "20261123T020000Z-aaaaaaaa  contoso                               SCHEDULED  node-1                   CHANGES_FAILED  2026-11-23T02:00:00Z"
                        + "     12.0  2/3 ok,1 failed,4 skipped  1 change failed",
                "    reports: /runs/contoso/20261123T020000Z-aaaaaaaa",
                "20261123T015900Z-eeeeeeee  contoso                               SCHEDULED  node-1                   FAILED          2026-11-23T02:00:00Z"
                        + "      0.0  -                          invalid policies (1 problem; first: policies/a.yaml:3:5: unknown key)");
        // Aligned: every row's cells start where the header's columns start, whatever the widths of the values.
        List<String> rows = lines.stream().filter(line -> !line.startsWith("    reports:")).toList();
        for (String header : List.of("TENANT", "KIND", "NODE", "OUTCOME", "STARTED", "CHANGES", "MESSAGE")) {
            int column = rows.get(0).indexOf(header);
            // Rows of running runs end before MESSAGE (no trailing spaces).
            assertThat(rows.subList(1, rows.size())).as(header).filteredOn(row -> row.length() > column).hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(row -> {
                        assertThat(row.charAt(column - 1)).isEqualTo(' ');
                        assertThat(row.charAt(column)).isNotEqualTo(' ');
                    });
        }
        int secondsEnd = rows.get(0).indexOf("SECONDS") + "SECONDS".length();
        assertThat(rows.subList(1, rows.size())).as("seconds are right-aligned")
                .allSatisfy(row -> assertThat(row.charAt(secondsEnd - 1)).isNotEqualTo(' '));

        out.reset();
        assertThat(Main.run("runs", "--state-url", url, "--tenant", "11111111-2222-3333-4444-555555555555", "--limit", "1",
                "--format", "json")).isZero();
        JsonNode runs = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).path("runs");
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).path("runId").asText()).isEqualTo("20261123T020200Z-cccccccc");
        assertThat(runs.get(0).path("kind").asText()).isEqualTo("UNDO");
        assertThat(runs.get(0).path("finishedAt").isNull()).isTrue();
        assertThat(runs.get(0).path("job").isNull()).isTrue();

        out.reset();
        // The service's name for the tenant finds its scheduled runs, those that never learnt the tenant id included.
        assertThat(Main.run("runs", "--state-url", url, "--tenant", "contoso", "--format", "json")).isZero();
        JsonNode both = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).path("runs");
        assertThat(both).hasSize(2);
        JsonNode failed = both.get(0);
        assertThat(failed.path("outcome").asText()).isEqualTo("CHANGES_FAILED");
        assertThat(failed.path("kind").asText()).isEqualTo("SCHEDULED");
        assertThat(failed.path("tenant").asText()).isEqualTo("11111111-2222-3333-4444-555555555555");
        assertThat(failed.path("job").asText()).isEqualTo("contoso");
        assertThat(failed.path("node").asText()).isEqualTo("node-1");
        assertThat(failed.path("scheduledAt").asText()).isEqualTo("2026-11-23T02:00:00Z");
        assertThat(failed.path("startedAt").asText()).isEqualTo("2026-11-23T02:00:00Z");
        assertThat(failed.path("finishedAt").asText()).isEqualTo("2026-11-23T02:00:12Z");
        assertThat(failed.path("durationSeconds").asDouble()).isEqualTo(12.0);
        assertThat(failed.path("counts").path("failed").asInt()).isEqualTo(1);
        assertThat(failed.path("counts").path("skipped").asInt()).isEqualTo(4);
        assertThat(failed.path("graphRequests").asLong()).isEqualTo(9);
        assertThat(failed.path("throttleWaitSeconds").asDouble()).isEqualTo(1.5);
        assertThat(failed.path("reportDirectory").asText()).isEqualTo("/runs/contoso/20261123T020000Z-aaaaaaaa");
        JsonNode early = both.get(1);
        assertThat(early.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(early.path("tenant").isNull()).isTrue();
        assertThat(early.path("job").asText()).isEqualTo("contoso");
        assertThat(early.path("message").asText()).startsWith("invalid policies");
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
            assertThat(runs.get(0).path("outcome").asText()).as("the outcome apply --format json printed").isEqualTo("APPLIED");
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
