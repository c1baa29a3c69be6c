package io.seatwarden.cli;

import io.seatwarden.directory.file.DemoTenant;
import io.seatwarden.directory.file.TenantFiles;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.GraphEmulator;
import io.seatwarden.graph.GraphLicenseWriter;
import io.seatwarden.graph.GraphReaders;
import io.seatwarden.graph.GraphWriteClients;
import io.seatwarden.graph.RetryPolicy;
import io.seatwarden.graph.Sleeper;
import io.seatwarden.graph.TerminalProgress;
import io.seatwarden.graph.WriteBudget;
import io.seatwarden.graph.WritePace;
import io.seatwarden.reconcile.TenantConnection;
import jakarta.inject.Inject;

import java.net.URI;
import java.time.Clock;

import static java.util.Objects.requireNonNull;

/** Connects the commands that write ({@code apply}, {@code undo}) to a tenant: a Graph reader and a paced Graph writer. */
public final class TenantConnections {
    private final GraphReaders readers;
    private final TenantFiles tenantFiles;
    private final Clock clock;

    @Inject
    public TenantConnections(GraphReaders readers, TenantFiles tenantFiles, Clock clock) {
        this.readers = requireNonNull(readers, "readers is null");
        this.tenantFiles = requireNonNull(tenantFiles, "tenantFiles is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Reader and writer for a Graph endpoint (no credential for loopback, azure-identity otherwise). */
    public TenantConnection open(URI graphUrl, WriteBudget budget) {
        try {
            return new TenantConnection(readers.open(graphUrl, TerminalProgress.forStderr(false, clock)),
                    new GraphLicenseWriter(GraphWriteClients.create(graphUrl), new WritePace(budget, clock, Sleeper.system()),
                            RetryPolicy.defaults(), clock, Sleeper.system()));
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("--graph-url: " + e.getMessage(), e);
        }
    }

    /** An in-process emulator serving the bundled demo tenant, for {@code --demo}; the caller closes it. */
    public GraphEmulator startDemo() {
        return GraphEmulator.start(DemoTenant.file(tenantFiles), EmulatorOptions.defaults());
    }
}
