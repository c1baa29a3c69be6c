package io.seatwarden.schedule;

import io.seatwarden.graph.TenantCredentials;

import io.seatwarden.catalog.CatalogLoader;
import io.seatwarden.graph.GraphConnections;
import io.seatwarden.graph.GraphReaders;
import io.seatwarden.graph.WriteBudget;
import io.seatwarden.policy.file.PolicyFiles;
import io.seatwarden.reconcile.ReconcileRun;
import io.seatwarden.report.PlanReports;
import io.seatwarden.state.StateStore;
import jakarta.inject.Inject;

import java.time.Clock;

import static java.util.Objects.requireNonNull;

/** The production reconciler: {@link ReconcileRun} over each tenant's Graph endpoint, state in the service's database. */
public final class EngineTenantReconcilers implements TenantReconcilers {
    private final PolicyFiles policyFiles;
    private final GraphReaders readers;
    private final CatalogLoader catalogs;
    private final PlanReports reports;
    private final TenantCredentials credentials;
    private final Clock clock;
    private final WriteBudget budget;

    @Inject
    public EngineTenantReconcilers(PolicyFiles policyFiles, GraphReaders readers, CatalogLoader catalogs,
            PlanReports reports, TenantCredentials credentials, Clock clock) {
        this(policyFiles, readers, catalogs, reports, credentials, clock, WriteBudget.GRAPH);
    }

    /** @param budget the write budget writers pace themselves to (Graph's by default) */
    public EngineTenantReconcilers(PolicyFiles policyFiles, GraphReaders readers, CatalogLoader catalogs,
            PlanReports reports, TenantCredentials credentials, Clock clock, WriteBudget budget) {
        this.budget = requireNonNull(budget, "budget is null");
        this.policyFiles = requireNonNull(policyFiles, "policyFiles is null");
        this.readers = requireNonNull(readers, "readers is null");
        this.catalogs = requireNonNull(catalogs, "catalogs is null");
        this.reports = requireNonNull(reports, "reports is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Session open(StateStore state) {
        GraphTenantConnections connections = new GraphTenantConnections(new GraphConnections(readers, credentials, clock), budget);
        ReconcileRunReconciler reconciler = new ReconcileRunReconciler(policyFiles, connections,
                new ReconcileRun(state, catalogs.bundled(), clock), reports, connections::readStats);
        return new Session() {
            @Override
            public TenantReconciler reconciler() {
                return reconciler;
            }

            @Override
            public void close() {}
        };
    }
}
