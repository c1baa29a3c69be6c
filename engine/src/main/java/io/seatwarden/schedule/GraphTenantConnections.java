package io.seatwarden.schedule;

import com.microsoft.kiota.authentication.AuthenticationProvider;
import io.seatwarden.apply.TenantConnection;
import io.seatwarden.apply.graph.GraphLicenseWriter;
import io.seatwarden.apply.graph.GraphWriteClients;
import io.seatwarden.apply.graph.RetryPolicy;
import io.seatwarden.apply.graph.Sleeper;
import io.seatwarden.apply.graph.WriteBudget;
import io.seatwarden.apply.graph.WritePace;
import io.seatwarden.directory.graph.GraphReaders;
import io.seatwarden.directory.graph.ProgressListener;

import java.time.Clock;
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
    private final GraphReaders readers;
    private final TenantCredentials credentials;
    private final Clock clock;
    private final Map<TenantKey, TenantConnection> connections = new ConcurrentHashMap<>();
    private final Map<TenantKey, CountingProgress> progress = new ConcurrentHashMap<>();

    public GraphTenantConnections(GraphReaders readers, TenantCredentials credentials, Clock clock) {
        this.readers = requireNonNull(readers, "readers is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public TenantConnection connect(TenantTarget tenant) {
        return connections.computeIfAbsent(tenant.key(), key -> {
            AuthenticationProvider authentication = credentials.authentication(tenant);
            CountingProgress counting = progress.computeIfAbsent(key, ignored -> new CountingProgress());
            GraphLicenseWriter writer = new GraphLicenseWriter(GraphWriteClients.create(tenant.graphUrl(), authentication),
                    new WritePace(WriteBudget.GRAPH, clock, Sleeper.system()), RetryPolicy.defaults(), clock, Sleeper.system());
            return new TenantConnection(readers.open(tenant.graphUrl(), authentication, counting), writer);
        });
    }

    /** What the tenant's reader has sent so far. */
    public ReadStats readStats(TenantTarget tenant) {
        CountingProgress counting = progress.get(tenant.key());
        return counting == null ? ReadStats.ZERO : new ReadStats(counting.requests.get(), Duration.ofMillis(counting.waitedMillis.get()));
    }

    private static final class CountingProgress implements ProgressListener {
        private final AtomicLong requests = new AtomicLong();
        private final AtomicLong waitedMillis = new AtomicLong();

        @Override
        public void requestSent() {
            requests.incrementAndGet();
        }

        @Override
        public void waiting(int status, Duration wait) {
            waitedMillis.addAndGet(wait.toMillis());
        }
    }
}
