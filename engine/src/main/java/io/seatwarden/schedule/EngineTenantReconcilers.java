package io.seatwarden.schedule;

import io.seatwarden.graph.TenantCredentials;

import io.seatwarden.catalog.CatalogLoader;
import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.graph.GraphConnections;
import io.seatwarden.graph.GraphReaders;
import io.seatwarden.graph.WriteBudget;
import io.seatwarden.notify.Notifier;
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
    private final Notifier notifier;

    @Inject
    public EngineTenantReconcilers(PolicyFiles policyFiles, GraphReaders readers, CatalogLoader catalogs,
            PlanReports reports, TenantCredentials credentials, Clock clock, Notifier notifier) {
        this(policyFiles, readers, catalogs, reports, credentials, clock, WriteBudget.GRAPH, notifier);
    }

    /** Telling no webhook (tests of the scheduler). */
    public EngineTenantReconcilers(PolicyFiles policyFiles, GraphReaders readers, CatalogLoader catalogs,
            PlanReports reports, TenantCredentials credentials, Clock clock) {
        this(policyFiles, readers, catalogs, reports, credentials, clock, WriteBudget.GRAPH, Notifier.none());
    }

    /** @param budget the write budget writers pace themselves to (Graph's by default) */
    public EngineTenantReconcilers(PolicyFiles policyFiles, GraphReaders readers, CatalogLoader catalogs,
            PlanReports reports, TenantCredentials credentials, Clock clock, WriteBudget budget) {
        this(policyFiles, readers, catalogs, reports, credentials, clock, budget, Notifier.none());
    }

    /** @param notifier tells settings.notify's webhooks what each run did */
    public EngineTenantReconcilers(PolicyFiles policyFiles, GraphReaders readers, CatalogLoader catalogs,
            PlanReports reports, TenantCredentials credentials, Clock clock, WriteBudget budget, Notifier notifier) {
        this.notifier = requireNonNull(notifier, "notifier is null");
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
        ProductCatalog catalog = catalogs.bundled();
        ReconcileRunReconciler reconciler = new ReconcileRunReconciler(policyFiles, connections,
                new ReconcileRun(state, catalog, clock), reports, connections::readStats, catalog, notifier, clock);
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
