package io.seatwarden.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.seatwarden.state.SeatSample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code history --format json}: one document, the shape DESIGN.md documents
 * ({@code generatedAt}, {@code days}, {@code trend}, {@code series[]} with {@code headroom} and {@code samples[]}).
 */
public final class HistoryJsonRenderer {
    /** Classpath name of the JSON Schema of the document this renderer writes. */
    public static final String SCHEMA_RESOURCE = "seatwarden/schema/history.schema.json";

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public String render(SeatHistoryReport report) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("generatedAt", report.generatedAt().toString());
        document.put("days", report.days());
        Map<String, Object> trend = new LinkedHashMap<>();
        trend.put("windowDays", SeatTrend.WINDOW_DAYS);
        trend.put("method", "least-squares slope of assigned seats per day, over the window up to the series' newest sample");
        document.put("trend", trend);
        List<Object> series = new ArrayList<>();
        for (SeatHistoryReport.Series one : report.series()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("tenantId", one.tenant().value());
            row.put("skuId", one.skuId().toString());
            row.put("skuPartNumber", one.skuPartNumber());
            row.put("headroom", headroom(one.headroom()));
            row.put("samples", one.samples().stream().map(HistoryJsonRenderer::sample).toList());
            series.add(row);
        }
        document.put("series", series);
        try {
            return mapper.writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the seat history as JSON", e);
        }
    }

    private static Map<String, Object> headroom(Headroom headroom) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("status", headroom.status().name());
        row.put("seatsLeft", headroom.seatsLeft());
        row.put("slopePerDay", headroom.slopePerDay().isPresent()
                ? Math.round(headroom.slopePerDay().getAsDouble() * 1000) / 1000.0 + 0.0 // three decimals; + 0.0 turns -0.0 into 0.0
                : null);
        row.put("days", headroom.days().isPresent() ? headroom.days().getAsLong() : null);
        row.put("trendSamples", headroom.trendSamples());
        return row;
    }

    private static Map<String, Object> sample(SeatSample sample) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("recordedAt", sample.recordedAt().toString());
        row.put("runId", sample.run().map(Object::toString).orElse(null));
        row.put("enabled", sample.enabled());
        row.put("assigned", sample.assigned());
        row.put("available", sample.available());
        row.put("reserved", sample.reserved());
        row.put("waiting", sample.waiting());
        return row;
    }
}
