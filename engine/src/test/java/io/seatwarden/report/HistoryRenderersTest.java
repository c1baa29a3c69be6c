package io.seatwarden.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.TenantId;
import io.seatwarden.state.RunId;
import io.seatwarden.state.SeatSample;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The history report in text and JSON: the schema in the jar, and what each line says. */
class HistoryRenderersTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    /** One run only: no trend yet. */
    private static SeatHistoryReport oneRun() {
        SeatSample sample = new SeatSample(TenantId.of("contoso"), NOW.minusSeconds(3600), Optional.of(RunId.of("20261130T110000000Z-0a1b2c3d")),
                SkuId.of("c7df2760-2c81-4ef7-b578-5b5392b571df"), "SPE_E5", 12, 7, 5, 1, 0);
        return SeatHistoryReport.of(List.of(sample), NOW, 7);
    }

    private static JsonSchema schema() throws IOException {
        try (InputStream in = HistoryRenderersTest.class.getClassLoader().getResourceAsStream(HistoryJsonRenderer.SCHEMA_RESOURCE)) {
            assertThat(in).as(HistoryJsonRenderer.SCHEMA_RESOURCE + " on the classpath").isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(new ObjectMapper().readTree(in));
        }
    }

    @Test
    void jsonValidatesAgainstTheSchemaInTheJar() throws IOException {
        JsonSchema schema = schema();
        SeatHistoryReport empty = SeatHistoryReport.of(List.of(), NOW, 30);
        for (SeatHistoryReport report : List.of(HistoryPageTest.report(), oneRun(), empty)) {
            JsonNode document = new ObjectMapper().readTree(new HistoryJsonRenderer().render(report));
            assertThat(schema.validate(document)).as(document.toString()).isEmpty();
        }
        JsonNode broken = new ObjectMapper().readTree(new HistoryJsonRenderer().render(oneRun()));
        ((ObjectNode) broken.get("series").get(0).get("headroom")).put("status", "PLENTY");
        assertThat(schema.validate(broken)).as("an unknown status is refused").isNotEmpty();
    }

    @Test
    void jsonSaysWhatTheTrendSays() throws IOException {
        JsonNode series = new ObjectMapper().readTree(new HistoryJsonRenderer().render(HistoryPageTest.report())).get("series");

        assertThat(series).extracting(node -> node.get("skuPartNumber").asText()).containsExactly("ENTERPRISEPACK", "POWER_BI_PRO");
        JsonNode growing = series.get(0).get("headroom");
        assertThat(growing.get("status").asText()).isEqualTo("GROWING");
        assertThat(growing.get("slopePerDay").asDouble()).isEqualTo(2.0);
        assertThat(growing.get("days").asLong()).isEqualTo(6);
        JsonNode shortage = series.get(1).get("headroom");
        assertThat(shortage.get("status").asText()).isEqualTo("NONE_LEFT");
        assertThat(shortage.get("slopePerDay").asDouble()).isEqualTo(0.0); // in use flat at 10
        assertThat(new ObjectMapper().readTree(new HistoryJsonRenderer().render(oneRun())).get("series").get(0).get("headroom")
                .get("slopePerDay").isNull()).isTrue();
    }

    @Test
    void textHasALinePerSkuAndSaysHowTheTrendIsMade() {
        String text = new HistoryTextRenderer().render(HistoryPageTest.report());

        assertThat(text.lines()).containsExactly(
                "Seat history, last 30 days",
                "TENANT                                SKU             RUNS  ENABLED  IN USE  FREE  RESERVED  WAITING  TREND/DAY  HEADROOM",
                "8d3f9a52-1c4e-4b7a-9f0e-2a6b5c7d8e90  ENTERPRISEPACK    14       60      46    14         2        0      +2.00  6 days",
                "8d3f9a52-1c4e-4b7a-9f0e-2a6b5c7d8e90  POWER_BI_PRO      14       10      10     0         0       13       0.00  none left",
                "Trend: least-squares slope of seats in use per day over the 14 days up to each SKU's newest run; headroom: free seats"
                        + " less the reserve, divided by it.");
        assertThat(new HistoryTextRenderer().render(oneRun())).contains("SPE_E5").contains("not enough history");
        assertThat(new HistoryTextRenderer().render(SeatHistoryReport.of(List.of(), NOW, 30)))
                .contains("no seat history recorded in that time");
    }

    @Test
    void htmlWithoutHistorySaysSoAndOneRunSaysThereIsNoTrendYet() {
        assertThat(new HistoryHtmlRenderer().render(SeatHistoryReport.of(List.of(), NOW, 30)))
                .contains("No seat history recorded in that time").doesNotContain("<svg");
        assertThat(new HistoryHtmlRenderer().render(oneRun()))
                .contains("4 seats left; not enough history for a trend yet (1 run in the last 14 days).").contains("<svg class=\"chart\"");
    }
}
