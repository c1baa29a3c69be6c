package io.seatwarden.report;

import io.seatwarden.state.RunOutcome;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seatwarden.directory.TenantId;
import io.seatwarden.plan.LicenseAdd;
import io.seatwarden.plan.LicenseRemoval;
import io.seatwarden.plan.RemovalGuardVerdict;
import io.seatwarden.reconcile.ApplyResult;
import io.seatwarden.reconcile.ChangeOutcome;
import io.seatwarden.reconcile.ChangeStatus;
import io.seatwarden.reconcile.RunResult;
import io.seatwarden.reconcile.WriterStats;
import io.seatwarden.report.Format;
import io.seatwarden.state.RunId;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.seatwarden.testing.TestingTenant.skuId;
import static io.seatwarden.testing.TestingTenant.userId;
import static org.assertj.core.api.Assertions.assertThat;

class ResultReportsTest {
    private static final RunId RUN = RunId.of("20260101T000000000Z-abcdef01");

    private static RunResult result() {
        RemovalGuardVerdict guard = new RemovalGuardVerdict(3, 2, null, true, "3 removals exceed maxRemovals (2)");
        List<ChangeOutcome> changes = List.of(
                new ChangeOutcome(userId("alice"), "alice@contoso.test", ChangeStatus.APPLIED, "DE",
                        List.of(new LicenseAdd(skuId("E3"), "E3", List.of())), List.of(), List.of(), "", 2, true),
                new ChangeOutcome(userId("bob"), "bob@contoso.test", ChangeStatus.HELD, null, List.of(), List.of(),
                        List.of(new LicenseRemoval(skuId("E5"), "E5")), "the removal guard held back every removal of this run", 0, false),
                new ChangeOutcome(userId("carol"), "carol@contoso.test", ChangeStatus.WAITING_FOR_SEATS, null,
                        List.of(new LicenseAdd(skuId("E5"), "E5", List.of())), List.of(), List.of(), "no seats left: none", 1, false));
        ApplyResult applied = new ApplyResult(RUN, new TenantId("t1"), guard, ApplyResult.Resumed.NONE, changes,
                new WriterStats(3, 4, 1, 1, Duration.ofMillis(2500)));
        return new RunResult(RunOutcome.REMOVALS_HELD, "1 applied, 0 failed, 1 waiting for seats, 1 held", Optional.empty(),
                Optional.of(applied), Optional.of(RUN), List.of(), List.of());
    }

    private static String render(Format format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ResultReports().render(result(), format, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jsonCarriesEveryChangesOutcome() throws IOException {
        JsonNode json = new ObjectMapper().readTree(render(Format.JSON));
        assertThat(json.path("runId").asText()).isEqualTo(RUN.toString());
        assertThat(json.path("outcome").asText()).isEqualTo("REMOVALS_HELD");
        assertThat(json.path("exitCode").asInt()).isEqualTo(3);
        assertThat(json.path("summary").path("removalsHeld").asInt()).isEqualTo(1);
        assertThat(json.path("summary").path("waitingForSeats").asInt()).isEqualTo(1);
        assertThat(json.path("changes")).hasSize(3);
        assertThat(json.path("changes").get(0).path("settledByReadBack").asBoolean()).isTrue();
        assertThat(json.path("changes").get(1).path("heldRemovals").get(0).path("skuPartNumber").asText()).isEqualTo("E5");
        assertThat(json.path("stats").path("waitSeconds").asDouble()).isEqualTo(2.5);
        assertThat(json.path("removalGuard").path("wouldTrip").asBoolean()).isTrue();
    }

    @Test
    void textAndMarkdownSayWhatHappenedToWhom() throws IOException {
        assertThat(render(Format.TEXT))
                .startsWith("apply run " + RUN + " to tenant t1: REMOVALS_HELD (exit 3)\n")
                .contains("removal guard: 3 removals exceed maxRemovals (2); 1 removals held back")
                .contains("alice@contoso.test  APPLIED            usageLocation=DE +E3")
                .contains("bob@contoso.test    HELD               held: -E5")
                .contains("WAITING_FOR_SEATS  +E5 (no seats left: none)")
                .contains("Graph: 3 requests, 4 writes sent, 1 throttled (429), 1 users read back, 2.5 s waiting");
        assertThat(render(Format.MARKDOWN)).startsWith("### Seatwarden apply: REMOVALS_HELD (exit 3)")
                .contains("| bob@contoso.test | HELD | held: -E5 |");
    }
}
