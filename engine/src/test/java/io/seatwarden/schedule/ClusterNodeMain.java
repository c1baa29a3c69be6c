package io.seatwarden.schedule;

import com.google.inject.Guice;
import io.seatwarden.policy.PolicyLoader;
import io.seatwarden.policy.SourceLocation;
import io.seatwarden.policy.file.PolicyFiles;
import io.seatwarden.testing.TestingPostgres;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One engine node in its own JVM, for the cluster tests: tenants {@code alpha} and {@code beta} on
 * a clustered job store, each run applying {@code users} changes of {@code perUserMillis} each.
 * Prints {@code ready NODE} once scheduling; stops gracefully on SIGTERM like {@code seatwarden run}.
 *
 * <p>Arguments: stateUrl nodeId runsDirectory policiesDirectory cron users perUserMillis [run-now]
 */
public final class ClusterNodeMain {
    private ClusterNodeMain() {}

    public static void main(String[] args) throws Exception {
        String stateUrl = args[0];
        String nodeId = args[1];
        Path runs = Path.of(args[2]);
        Path policies = Path.of(args[3]);
        String cron = args[4];
        int users = Integer.parseInt(args[5]);
        Duration perUser = Duration.ofMillis(Long.parseLong(args[6]));

        ScheduleServiceFactory factory = new ScheduleServiceFactory(Guice.createInjector(), TenantReconcilers.of(new TestingTenantReconciler(users, perUser)),
                new PolicyFilesSchedules(new PolicyFiles(new PolicyLoader(new QuartzCronSyntax()))),
                new TenantCredentials(Map.of()), Clock.systemUTC());
        SchedulerSettings settings = new SchedulerSettings(JobStoreMode.CLUSTER, nodeId, 2, Duration.ofSeconds(1), Duration.ofMinutes(1));
        StateDatabase database = new StateDatabase(stateUrl, Optional.of(TestingPostgres.USER), Optional.empty());
        Tenants tenants = Tenants.of(List.of(tenant("alpha", policies, cron), tenant("beta", policies, cron)));
        ScheduleService service = factory.start(new ServiceConfig(database, settings, runs, Optional.empty(), args.length > 7 && args[7].equals("run-now")), tenants);
        Runtime.getRuntime().addShutdownHook(new Thread(service::stop, "seatwarden-shutdown"));
        System.out.println("ready " + service.node());
        System.out.flush();
        service.awaitStop();
    }

    private static TenantTarget tenant(String key, Path policies, String cron) {
        return new TenantTarget(TenantKey.of(key), key, URI.create("http://127.0.0.1:1/v1.0"), new CredentialsReference.None(),
                policies, Optional.of(cron), Optional.empty(), SourceLocation.unknown("test"));
    }
}
