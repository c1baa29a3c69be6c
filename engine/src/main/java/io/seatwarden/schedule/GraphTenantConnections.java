package io.seatwarden.schedule;


import io.seatwarden.graph.GraphConnections;
import io.seatwarden.graph.ProgressListener;
import io.seatwarden.graph.WriteBudget;
import io.seatwarden.reconcile.TenantConnection;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * One Graph connection per tenant for the life of the service: a directory reader and a license
 * writer on the tenant's endpoint with its own credentials, the writer paced to Graph's write
 * budget across runs. Counts the reader's requests and throttling waits for the metrics.
 */
public final class GraphTenantConnections implements TenantConnections {
    private final GraphConnections graph;
    private final WriteBudget budget;
    private final Map<TenantKey, TenantConnection> connections = new ConcurrentHashMap<>();
    private final Map<TenantKey, StoppableSleeper> sleepers = new ConcurrentHashMap<>();
    private final Map<TenantKey, CountingProgress> progress = new ConcurrentHashMap<>();

    /**
     * @param budget the write budget the writer paces itself to ({@link WriteBudget#GRAPH} for Graph)
     */
    public GraphTenantConnections(GraphConnections graph, WriteBudget budget) {
        this.graph = requireNonNull(graph, "graph is null");
        this.budget = requireNonNull(budget, "budget is null");
    }

    @Override
    public TenantConnection connect(TenantTarget tenant, Cancellation cancellation) {
        TenantConnection connection = connections.computeIfAbsent(tenant.key(), key -> {
            CountingProgress counting = progress.computeIfAbsent(key, ignored -> new CountingProgress());
            StoppableSleeper sleeper = sleepers.computeIfAbsent(key, ignored -> new StoppableSleeper());
            return graph.open(tenant.graphUrl(), tenant.credentials(), budget, sleeper, counting);
        });
        // One run of a tenant at a time (Quartz), so the tenant's writer serves this run now.
        sleepers.get(tenant.key()).runWith(cancellation);
        return connection;
    }

    /** What the tenant's reader has sent so far. */
    public ReadStats readStats(TenantTarget tenant) {
        CountingProgress counting = progress.get(tenant.key());
        return counting == null ? ReadStats.ZERO
                : new ReadStats(counting.requests.get(), counting.throttled.get(), Duration.ofMillis(counting.waitedMillis.get()));
    }

    private static final class CountingProgress implements ProgressListener {
        private final AtomicLong requests = new AtomicLong();
        private final AtomicLong throttled = new AtomicLong();
        private final AtomicLong waitedMillis = new AtomicLong();

        @Override
        public void requestSent() {
            requests.incrementAndGet();
        }

        @Override
        public void waiting(int status, Duration wait) {
            if (status == 429) {
                throttled.incrementAndGet();
            }
            waitedMillis.addAndGet(wait.toMillis());
        }
    }
}
