package io.seatwarden.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.seatwarden.state.RunOutcome;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * The engine's metrics on a Micrometer Prometheus registry, with the JVM's. Fed by finished runs of
 * {@code apply} and of the {@code run} service alike; scraped at {@code GET /metrics} or written with
 * {@code --metrics-file}. The Prometheus names (README, Monitoring) are part of the operations contract:
 *
 * <pre>
 * seatwarden_runs_total{tenant,outcome}            seatwarden_run_duration_seconds{tenant,outcome} (count, sum, max)
 * seatwarden_runs_in_progress{tenant}              seatwarden_last_run_timestamp_seconds{tenant}
 * seatwarden_changes_total{tenant,kind}            seatwarden_failures_total{tenant}
 * seatwarden_seats_enabled|assigned|available|waiting{tenant,sku}, seatwarden_seats_free{tenant,sku} (= available)
 * seatwarden_license_errors{tenant,sku}            seatwarden_graph_requests_total{tenant}
 * seatwarden_graph_throttled_total{tenant}         seatwarden_throttle_wait_seconds_total{tenant}
 * </pre>
 *
 * The {@code outcome} label is the run's {@link RunOutcome} in lower case. Thread-safe.
 */
public final class EngineMetrics implements AutoCloseable {
    /** The Prometheus text exposition format that {@link #scrape()} writes. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc;
    /** Gauges read these; kept here, because Micrometer holds a gauge's state only weakly. */
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

    private EngineMetrics(PrometheusMeterRegistry registry, JvmGcMetrics gc) {
        this.registry = requireNonNull(registry, "registry is null");
        this.gc = gc;
    }

    /** A registry with the engine's metrics and the JVM's (memory, GC, threads, classes, CPU, uptime). */
    public static EngineMetrics withJvmMetrics() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return new EngineMetrics(registry, gc);
    }

    /** A run of {@code tenant} started on this process. */
    public void started(String tenant) {
        gauge("seatwarden.runs.in.progress", "Runs in progress on this node, by tenant.", Tags.of("tenant", tenant)).set(1);
    }

    /** A run ended: its outcome and duration, what it changed, the seats it left, what it cost in Graph traffic. */
    public void finished(RunMeasurement run) {
        Tags tenant = Tags.of("tenant", run.tenant());
        gauge("seatwarden.runs.in.progress", "Runs in progress on this node, by tenant.", tenant).set(0);
        Tags outcome = tenant.and("outcome", run.outcome().label());
        Counter.builder("seatwarden.runs").description("Runs finished on this node, by tenant and outcome.").tags(outcome)
                .register(registry).increment();
        Timer.builder("seatwarden.run.duration").description("How long runs took, by tenant and outcome.").tags(outcome)
                .register(registry).record(run.duration());
        boolean failed = run.outcome() == RunOutcome.FAILED || run.outcome() == RunOutcome.CHANGES_FAILED;
        Counter.builder("seatwarden.failures").description("Runs that failed or had a failed change, by tenant.").tags(tenant)
                .register(registry).increment(failed ? 1 : 0);
        run.changes().forEach((kind, count) -> Counter.builder("seatwarden.changes")
                .description("License changes applied (add, remove, usageLocation) and users whose change failed, by tenant and kind.")
                .tags(tenant.and("kind", kind)).register(registry).increment(count));
        for (SkuFigures sku : run.skus()) {
            Tags tags = tenant.and("sku", sku.sku());
            gauge("seatwarden.seats.enabled", "Seats bought per subscription (prepaidUnits.enabled).", tags).set(sku.enabled());
            gauge("seatwarden.seats.assigned", "Seats held by users per subscription after the last run.", tags).set(sku.assigned());
            gauge("seatwarden.seats.available", "Seats left per subscription after the last run (negative when over-consumed).", tags)
                    .set(sku.available());
            gauge("seatwarden.seats.free", "Seats left per subscription after the last run (as seatwarden_seats_available).", tags)
                    .set(sku.available());
            gauge("seatwarden.seats.waiting", "Users waiting for a seat per subscription after the last run.", tags).set(sku.waiting());
        }
        if (!run.skus().isEmpty() || !run.licenseErrors().isEmpty()) {
            // A run that read the tenant reports every SKU's errors: those it saw no more of are back to 0.
            String prefix = key("seatwarden.license.errors", tenant);
            gauges.keySet().stream().filter(name -> name.startsWith(prefix)).forEach(name -> gauges.get(name).set(0));
            run.skus().forEach(sku -> licenseErrors(tenant.and("sku", sku.sku())).set(0));
            run.licenseErrors().forEach((sku, count) -> licenseErrors(tenant.and("sku", sku)).set(count));
        }
        Counter.builder("seatwarden.graph.requests").description("HTTP requests sent to Microsoft Graph ($batch counts once), by tenant.")
                .tags(tenant).register(registry).increment(run.traffic().requests());
        Counter.builder("seatwarden.graph.throttled").description("Graph answers 429 (throttled), by tenant.")
                .tags(tenant).register(registry).increment(run.throttled());
        Counter.builder("seatwarden.throttle.wait.seconds")
                .description("Seconds spent waiting for Graph throttling (Retry-After) and the write pace, by tenant.")
                .tags(tenant).register(registry).increment(run.traffic().throttleWaitSeconds());
        gauge("seatwarden.last.run.timestamp.seconds", "When the last run of a tenant ended (Unix seconds), by tenant.", tenant)
                .set(run.endedAt().getEpochSecond());
    }

    /** Everything in the Prometheus text format ({@link #CONTENT_TYPE}). */
    public String scrape() {
        return registry.scrape();
    }

    private AtomicLong licenseErrors(Tags tags) {
        return gauge("seatwarden.license.errors", "Entra group-licensing errors (CountViolation, ...) seen by the last run, by tenant and SKU.",
                tags);
    }

    private AtomicLong gauge(String name, String description, Tags tags) {
        return gauges.computeIfAbsent(key(name, tags), ignored -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::doubleValue).description(description).tags(tags).register(registry);
            return value;
        });
    }

    private static String key(String name, Tags tags) {
        StringBuilder key = new StringBuilder(name);
        tags.forEach(tag -> key.append('|').append(tag.getKey()).append('=').append(tag.getValue()));
        return key.toString();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
