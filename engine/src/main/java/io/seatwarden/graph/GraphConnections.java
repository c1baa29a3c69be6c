package io.seatwarden.graph;

import com.microsoft.kiota.authentication.AuthenticationProvider;
import io.seatwarden.reconcile.TenantConnection;
import jakarta.inject.Inject;

import java.net.URI;
import java.time.Clock;

import static java.util.Objects.requireNonNull;

/**
 * The one way the commands and the scheduler reach a tenant through Graph: a directory reader and a
 * paced license writer on one endpoint, both authenticated by one rule ({@link TenantCredentials},
 * {@link GraphCredentials#forEndpoint}: the token's audience follows the endpoint's host, so a
 * national cloud works for writes as for reads). Opening does no I/O.
 */
public final class GraphConnections {
    private final GraphReaders readers;
    private final TenantCredentials credentials;
    private final Clock clock;

    @Inject
    public GraphConnections(GraphReaders readers, TenantCredentials credentials, Clock clock) {
        this.readers = requireNonNull(readers, "readers is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * @param budget the write budget the writer paces itself to ({@link WriteBudget#GRAPH} for Graph)
     * @param sleeper how the writer waits (a stoppable one for the scheduler)
     * @throws IllegalArgumentException for plain http off loopback, or credentials whose variables are missing
     */
    public TenantConnection open(URI graphUrl, CredentialsReference reference, WriteBudget budget, Sleeper sleeper,
            ProgressListener progress) {
        AuthenticationProvider authentication = credentials.authentication(graphUrl, reference);
        GraphLicenseWriter writer = new GraphLicenseWriter(GraphClientFactory.forWrites(graphUrl, authentication),
                new WritePace(budget, clock, sleeper), RetryPolicy.defaults(), clock, sleeper);
        return new TenantConnection(readers.open(graphUrl, authentication, progress), writer);
    }
}
