package io.seatwarden.cli;

import io.seatwarden.directory.file.DemoTenant;
import io.seatwarden.directory.file.TenantFiles;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.GraphEmulator;
import io.seatwarden.graph.CredentialsReference;
import io.seatwarden.graph.GraphConnections;
import io.seatwarden.graph.Sleeper;
import io.seatwarden.graph.TerminalProgress;
import io.seatwarden.graph.WriteBudget;
import io.seatwarden.reconcile.TenantConnection;
import jakarta.inject.Inject;

import java.net.URI;
import java.time.Clock;

import static java.util.Objects.requireNonNull;

/** Connects the commands that write ({@code apply}, {@code undo}) to a tenant: a Graph reader and a paced Graph writer. */
public final class TenantConnections {
    private final GraphConnections graph;
    private final TenantFiles tenantFiles;
    private final Clock clock;

    @Inject
    public TenantConnections(GraphConnections graph, TenantFiles tenantFiles, Clock clock) {
        this.graph = requireNonNull(graph, "graph is null");
        this.tenantFiles = requireNonNull(tenantFiles, "tenantFiles is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Reader and writer for a Graph endpoint (no credential for loopback, azure-identity otherwise). */
    public TenantConnection open(URI graphUrl, WriteBudget budget) {
        try {
            return graph.open(graphUrl, CredentialsReference.defaultFor(graphUrl), budget, Sleeper.system(),
                    TerminalProgress.forStderr(false, clock));
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("--graph-url: " + e.getMessage(), e);
        }
    }

    /** An in-process emulator serving the bundled demo tenant, for {@code --demo}; the caller closes it. */
    public GraphEmulator startDemo() {
        return GraphEmulator.start(DemoTenant.file(tenantFiles), EmulatorOptions.defaults());
    }
}
