package io.seatwarden.cli;

import io.seatwarden.testing.StandardStreams;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.TenantId;
import io.seatwarden.state.SeatSample;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code seatwarden history}: reads what runs recorded, in text, JSON and HTML; an apply records what it shows. */
class HistoryCommandTest {
    private static final TenantId CONTOSO = TenantId.of("11111111-1111-1111-1111-111111111111");
    private static final TenantId FABRIKAM = TenantId.of("22222222-2222-2222-2222-222222222222");
    private static final SkuId E3 = SkuId.of("6fd2c87f-b296-42f0-b197-1e91e994b900");

    @RegisterExtension
    final StandardStreams streams = new StandardStreams();
    private final ByteArrayOutputStream out = streams.out;
    private final ByteArrayOutputStream err = streams.err;

    @TempDir
    Path directory;


    private String url() {
        return "jdbc:h2:file:" + directory.resolve("state");
    }

    /**
     * Contoso's E3 over the last four days (the command reads the system clock): 30 enabled, in use 10, 13, 16, 19
     * (3 a day), reserve 2: 30 - 19 - 2 = 9 left, 3 days. Fabrikam: one run, 40 days ago (outside --days 30).
     */
    private void recordHistory() {
        Instant today = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<SeatSample> samples = new ArrayList<>();
        for (int day = 0; day < 4; day++) {
            int inUse = 10 + 3 * day;
            samples.add(new SeatSample(CONTOSO, today.minus(Duration.ofDays(3 - day)), Optional.empty(), E3, "ENTERPRISEPACK", 30, inUse,
                    30 - inUse, 2, 0));
        }
        samples.add(new SeatSample(FABRIKAM, today.minus(Duration.ofDays(40)), Optional.empty(), E3, "ENTERPRISEPACK", 5, 5, 0, 0, 2));
        try (StateStore state = new StateStores(new TestingClock(today)).open(new StateConfig(url(), Optional.empty(), Optional.empty()))) {
            state.seatHistory().record(samples);
        }
    }

    @Test
    void jsonHasTheDocumentedShape() throws IOException {
        recordHistory();

        assertThat(Main.run("history", "--state-url", url(), "--format", "json")).isZero();

        JsonNode document = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(document.get("days").asInt()).isEqualTo(30);
        assertThat(document.get("trend").get("windowDays").asInt()).isEqualTo(14);
        assertThat(document.get("series")).hasSize(1); // fabrikam's one run is 40 days old
        JsonNode series = document.get("series").get(0);
        assertThat(series.get("tenantId").asText()).isEqualTo(CONTOSO.value());
        assertThat(series.get("skuId").asText()).isEqualTo(E3.toString());
        assertThat(series.get("skuPartNumber").asText()).isEqualTo("ENTERPRISEPACK");
        JsonNode headroom = series.get("headroom");
        assertThat(headroom.get("status").asText()).isEqualTo("GROWING");
        assertThat(headroom.get("seatsLeft").asInt()).isEqualTo(9);
        assertThat(headroom.get("slopePerDay").asDouble()).isEqualTo(3.0);
        assertThat(headroom.get("days").asLong()).isEqualTo(3);
        assertThat(headroom.get("trendSamples").asInt()).isEqualTo(4);
        assertThat(series.get("samples")).hasSize(4);
        JsonNode last = series.get("samples").get(3);
        assertThat(last.get("runId").isNull()).isTrue();
        assertThat(List.of(last.get("enabled").asInt(), last.get("assigned").asInt(), last.get("available").asInt(),
                last.get("reserved").asInt(), last.get("waiting").asInt())).containsExactly(30, 19, 11, 2, 0);
        assertThat(Instant.parse(last.get("recordedAt").asText())).isBefore(Instant.parse(document.get("generatedAt").asText()).plusSeconds(1));
    }

    @Test
    void textShowsEachSkuWithItsHeadroomAndTenantIdFilters() {
        recordHistory();

        assertThat(Main.run("history", "--state-url", url(), "--days", "60")).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).isEqualTo("Seat history, last 60 days");
        assertThat(lines.get(1)).startsWith("TENANT").contains("IN USE", "FREE", "WAITING", "TREND/DAY", "HEADROOM");
        assertThat(lines.get(2)).startsWith(CONTOSO.value()).contains("ENTERPRISEPACK").contains("+3.00").endsWith("3 days");
        assertThat(lines.get(3)).startsWith(FABRIKAM.value()).endsWith("none left");

        out.reset();
        assertThat(Main.run("history", "--state-url", url(), "--days", "60", "--tenant-id", FABRIKAM.value())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain(CONTOSO.value()).contains(FABRIKAM.value());
    }

    @Test
    void htmlGoesToTheOutFile() throws IOException {
        recordHistory();
        Path page = directory.resolve("reports").resolve("history.html");

        assertThat(Main.run("history", "--state-url", url(), "--format", "html", "--out", page.toString())).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(Files.readString(page)).startsWith("<!DOCTYPE html>").contains("<svg class=\"chart\"")
                .contains("9 seats left; at +3.00 seats a day that is 3 days of headroom");
    }

    @Test
    void anApplyRecordsWhatHistoryShowsAndAPlanDoesNot() throws IOException {
        assertThat(Main.run("plan", "--demo", "--state-url", url(), "--format", "json")).isEqualTo(2);
        out.reset();
        assertThat(Main.run("history", "--state-url", url(), "--format", "json")).isZero();
        assertThat(new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get("series")).isEmpty();

        out.reset();
        assertThat(Main.run("apply", "--demo", "--yes", "--state-url", url(), "--format", "json")).isZero();
        JsonNode applied = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        out.reset();
        assertThat(Main.run("history", "--state-url", url(), "--format", "json")).isZero();

        JsonNode series = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get("series");
        assertThat(series).isNotEmpty();
        for (JsonNode one : series) {
            JsonNode sample = one.get("samples").get(0);
            assertThat(one.get("samples")).hasSize(1);
            assertThat(sample.get("runId").asText()).isNotBlank();
            assertThat(sample.get("available").asInt()).isEqualTo(sample.get("enabled").asInt() - sample.get("assigned").asInt());
            assertThat(one.get("headroom").get("status").asText()).isIn("NOT_ENOUGH_HISTORY", "NONE_LEFT");
        }
        assertThat(applied.toString()).contains(series.get(0).get("samples").get(0).get("runId").asText());
    }

    @Test
    void refusesBadDaysAndShowsHelp() {
        assertThat(Main.run("history", "--state-url", url(), "--days", "0")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--days must be at least 1");

        assertThat(Main.run("history", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--tenant-id", "--days", "--format", "--state-url", "headroom");
    }
}
