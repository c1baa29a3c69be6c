package io.seatwarden.schedule;

import io.seatwarden.state.RunOutcome;
import java.time.Instant;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** The service's metrics, fed by finished runs; names are part of the operations contract (README). */
public final class EngineMetrics {
    static final String RUNS = "seatwarden_runs_total";
    static final String CHANGES = "seatwarden_changes_total";
    static final String FAILURES = "seatwarden_failures_total";
    static final String SEATS_FREE = "seatwarden_seats_free";
    static final String GRAPH_REQUESTS = "seatwarden_graph_requests_total";
    static final String THROTTLE_WAIT = "seatwarden_throttle_wait_seconds_total";
    static final String LAST_RUN = "seatwarden_last_run_timestamp_seconds";
    static final String RUNNING = "seatwarden_runs_in_progress";

    private final MetricsRegistry registry;

    public EngineMetrics(MetricsRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
        registry.declare(RUNS, MetricsRegistry.Type.COUNTER, "Runs finished on this node, by tenant and outcome.");
        registry.declare(CHANGES, MetricsRegistry.Type.COUNTER, "License changes applied, by tenant and kind.");
        registry.declare(FAILURES, MetricsRegistry.Type.COUNTER, "Runs that failed or had a failed change, by tenant.");
        registry.declare(SEATS_FREE, MetricsRegistry.Type.GAUGE, "Seats left per subscription after the last run.");
        registry.declare(GRAPH_REQUESTS, MetricsRegistry.Type.COUNTER, "HTTP requests sent to Microsoft Graph, by tenant.");
        registry.declare(THROTTLE_WAIT, MetricsRegistry.Type.COUNTER, "Seconds spent waiting for Graph throttling, by tenant.");
        registry.declare(LAST_RUN, MetricsRegistry.Type.GAUGE, "When the last run of a tenant ended (Unix seconds), by tenant.");
        registry.declare(RUNNING, MetricsRegistry.Type.GAUGE, "Runs in progress on this node, by tenant.");
    }

    public void started(TenantKey tenant) {
        registry.set(RUNNING, 1, Map.of("tenant", tenant.value()));
    }

    public void finished(TenantKey tenant, RunSummary summary, Instant endedAt) {
        String name = tenant.value();
        registry.set(RUNNING, 0, Map.of("tenant", name));
        registry.increment(RUNS, 1, Map.of("tenant", name, "outcome", summary.outcome().label()));
        summary.changes().forEach((kind, count) -> registry.increment(CHANGES, count, Map.of("tenant", name, "kind", kind)));
        boolean failed = summary.outcome() == RunOutcome.FAILED || summary.outcome() == RunOutcome.CHANGES_FAILED;
        registry.increment(FAILURES, failed ? 1 : 0, Map.of("tenant", name));
        summary.seatsFree().forEach((sku, free) -> registry.set(SEATS_FREE, free, Map.of("tenant", name, "sku", sku)));
        registry.increment(GRAPH_REQUESTS, summary.graphRequests(), Map.of("tenant", name));
        registry.increment(THROTTLE_WAIT, summary.throttleWaitSeconds(), Map.of("tenant", name));
        registry.set(LAST_RUN, endedAt.getEpochSecond(), Map.of("tenant", name));
    }
}
