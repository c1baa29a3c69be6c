package io.seatwarden.cli;

import io.seatwarden.testing.StandardStreams;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seatwarden.directory.file.TenantFileMapper;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.GraphEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.seatwarden.testing.TestingTenant.tenant;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code apply --metrics-file}: the run's metrics in the Prometheus text format, for node_exporter's textfile collector. */
class MetricsFileOptionTest {
    @RegisterExtension
    final StandardStreams streams = new StandardStreams();
    private final ByteArrayOutputStream out = streams.out;
    private final ByteArrayOutputStream err = streams.err;

    @TempDir
    Path directory;


    @Test
    void applyWritesItsSeatsOutcomeAndTrafficToTheFile() throws IOException {
        try (GraphEmulator emulator = GraphEmulator.start(TenantFileMapper.toFile(tenant().sku("E3", 3).group("Sales")
                .user("alice").inGroup("Sales").user("bob").inGroup("Sales").user("carol").inGroup("Sales").user("dave").inGroup("Sales")
                .build()), EmulatorOptions.defaults())) {
            Path policies = Files.createDirectories(directory.resolve("policies"));
            Files.writeString(policies.resolve("policies.yaml"), "policies:\n  - name: sales\n    group: Sales\n    licenses:\n      - sku: E3\n");
            Path file = directory.resolve("textfile/seatwarden.prom");

            assertThat(Main.run("apply", "--graph-url", emulator.baseUrl(), "--policies", policies.toString(), "--state-url",
                    "jdbc:h2:file:" + directory.resolve("state"), "--yes", "--format", "json", "--metrics-file", file.toString())).isZero();

            String tenantId = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).path("tenantId").asText();
            String tenant = "tenant=\"" + tenantId + "\"";
            // Three seats, four users: three are licensed, one waits.
            assertThat(Files.readString(file).lines()).contains(
                    "seatwarden_runs_total{outcome=\"applied\"," + tenant + "} 1.0",
                    "seatwarden_run_duration_seconds_count{outcome=\"applied\"," + tenant + "} 1",
                    "seatwarden_changes_total{kind=\"add\"," + tenant + "} 3.0",
                    "seatwarden_seats_enabled{sku=\"E3\"," + tenant + "} 3.0",
                    "seatwarden_seats_assigned{sku=\"E3\"," + tenant + "} 3.0",
                    "seatwarden_seats_available{sku=\"E3\"," + tenant + "} 0.0",
                    "seatwarden_seats_waiting{sku=\"E3\"," + tenant + "} 1.0",
                    "seatwarden_license_errors{sku=\"E3\"," + tenant + "} 0.0",
                    "seatwarden_failures_total{" + tenant + "} 0.0",
                    "# TYPE seatwarden_runs_total counter");
            assertThat(Files.readString(file))
                    .containsPattern("seatwarden_graph_requests_total\\{" + tenant + "} [1-9]")
                    .containsPattern("(?m)^jvm_memory_used_bytes\\{area=\"heap\"");
            try (var files = Files.list(file.getParent())) {
                assertThat(files).as("no temporary file left beside it").containsExactly(file);
            }
        }
    }

    @Test
    void invalidPoliciesStillLeaveAFailedRunInTheFile() throws IOException {
        Path policies = Files.createDirectories(directory.resolve("policies"));
        Files.writeString(policies.resolve("policies.yaml"), "policies:\n  - name: sales\n    grup: Sales\n");
        Path file = directory.resolve("seatwarden.prom");

        assertThat(Main.run("apply", "--graph-url", "http://127.0.0.1:1/v1.0", "--policies", policies.toString(), "--state-url",
                "jdbc:h2:file:" + directory.resolve("state"), "--yes", "--metrics-file", file.toString())).isEqualTo(1);

        assertThat(Files.readString(file).lines()).contains(
                "seatwarden_runs_total{outcome=\"failed\",tenant=\"unknown\"} 1.0",
                "seatwarden_failures_total{tenant=\"unknown\"} 1.0");
    }
}
