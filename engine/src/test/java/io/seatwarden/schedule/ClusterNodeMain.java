package io.seatwarden.schedule;

import io.seatwarden.graph.CredentialsReference;
import io.seatwarden.graph.TenantCredentials;

import com.google.inject.Guice;
import io.seatwarden.catalog.CatalogLoader;
import io.seatwarden.graph.GraphReaders;
import io.seatwarden.policy.PolicyLoader;
import io.seatwarden.policy.SourceLocation;
import io.seatwarden.policy.file.PolicyFiles;
import io.seatwarden.report.Format;
import io.seatwarden.report.HtmlPlanRenderer;
import io.seatwarden.report.JsonPlanRenderer;
import io.seatwarden.report.MarkdownPlanRenderer;
import io.seatwarden.report.PlanReports;
import io.seatwarden.report.TextPlanRenderer;
import io.seatwarden.state.StateDatabase;
import io.seatwarden.state.StateStores;
import io.seatwarden.testing.TestingPostgres;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One engine node in its own JVM, for the cluster tests, on a clustered job store. Prints
 * {@code ready NODE} once scheduling; stops gracefully on SIGTERM like {@code seatwarden run}.
 *
 * <p>Arguments: stateUrl nodeId runsDirectory policiesDirectory cron reconciler [run-now|scheduled [hold]],
 * where reconciler is {@code testing:USERS:MILLIS_PER_USER} (tenants alpha and beta, a
 * {@link TestingTenantReconciler}) or {@code engine:GRAPH_URL} (tenant alpha, the production flow).
 * With {@code hold}, the node prints {@code waiting NODE} once everything but the scheduler is built,
 * and joins the cluster only when a line arrives on stdin: a test starts the JVM early and the node
 * when it needs it.
 */
public final class ClusterNodeMain {
    private ClusterNodeMain() {}

    public static void main(String[] args) throws Exception {
        String stateUrl = args[0];
        String nodeId = args[1];
        Path runs = Path.of(args[2]);
        Path policies = Path.of(args[3]);
        String cron = args[4];
        String[] reconciler = args[5].split(":", 2);
        boolean runNow = args.length > 6 && args[6].equals("run-now");
        boolean hold = args.length > 7 && args[7].equals("hold");

        PolicyFiles policyFiles = new PolicyFiles(new PolicyLoader(new QuartzCronSyntax()));
        TenantReconcilers reconcilers;
        Tenants tenants;
        if (reconciler[0].equals("engine")) {
            URI graphUrl = URI.create(reconciler[1]);
            reconcilers = new EngineTenantReconcilers(policyFiles, new GraphReaders(new CatalogLoader()), new CatalogLoader(),
                    reports(), new TenantCredentials(Map.of()), Clock.systemUTC());
            tenants = Tenants.of(List.of(tenant("alpha", graphUrl, policies, cron)));
        } else {
            String[] parameters = reconciler[1].split(":");
            reconcilers = TenantReconcilers.of(new TestingTenantReconciler(Integer.parseInt(parameters[0]),
                    Duration.ofMillis(Long.parseLong(parameters[1]))));
            URI unused = URI.create("http://127.0.0.1:1/v1.0");
            tenants = Tenants.of(List.of(tenant("alpha", unused, policies, cron), tenant("beta", unused, policies, cron)));
        }
        ScheduleServiceFactory factory = new ScheduleServiceFactory(Guice.createInjector(), reconcilers,
                new PolicyFilesSchedules(policyFiles), new TenantCredentials(Map.of()), new StateStores(Clock.systemUTC()), Clock.systemUTC());
        SchedulerSettings settings = new SchedulerSettings(JobStoreMode.CLUSTER, nodeId, 2, Duration.ofSeconds(1), Duration.ofMinutes(1));
        StateDatabase database = new StateDatabase(stateUrl, Optional.of(TestingPostgres.USER), Optional.empty());
        if (hold) {
            System.out.println("waiting " + nodeId);
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        ScheduleService service = factory.start(new ServiceConfig(database, settings, runs, Optional.empty(), runNow), tenants);
        Runtime.getRuntime().addShutdownHook(new Thread(service::stop, "seatwarden-shutdown"));
        System.out.println("ready " + service.node());
        System.out.flush();
        service.awaitStop();
    }

    private static TenantTarget tenant(String key, URI graphUrl, Path policies, String cron) {
        return new TenantTarget(TenantKey.of(key), key, graphUrl, new CredentialsReference.None(), policies, Optional.of(cron),
                Optional.empty(), SourceLocation.unknown("test"));
    }

    static PlanReports reports() {
        return new PlanReports(Map.of(Format.TEXT, new TextPlanRenderer(), Format.MARKDOWN, new MarkdownPlanRenderer(),
                Format.JSON, new JsonPlanRenderer(), Format.HTML, new HtmlPlanRenderer()));
    }
}
