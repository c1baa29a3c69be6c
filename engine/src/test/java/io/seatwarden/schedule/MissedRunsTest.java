package io.seatwarden.schedule;

import io.seatwarden.testing.Await;
import io.seatwarden.state.StateStores;
import io.seatwarden.state.RunOutcome;
import io.seatwarden.state.RunRecord;
import io.seatwarden.graph.CredentialsReference;
import io.seatwarden.graph.TenantCredentials;

import com.google.inject.Guice;
import io.seatwarden.policy.PolicyLoader;
import io.seatwarden.policy.SourceLocation;
import io.seatwarden.policy.file.PolicyFiles;
import io.seatwarden.state.StateDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs missed while the service was down are made up once when it is back, not once per missed
 * firing: by Quartz's misfire rule with the JDBC job store, by the run log with the in-memory one.
 */
class MissedRunsTest {
    @TempDir
    Path directory;

    @Test
    void firingsMissedWhileDownRunOnceOnRestartWithTheJdbcJobStore() throws Exception {
        missedFiringsRunOnce(JobStoreMode.CLUSTER);
    }

    @Test
    void firingsMissedWhileDownRunOnceOnRestartWithTheInMemoryJobStore() throws Exception {
        // Quartz forgets in-memory triggers; the service finds the missed firing in its run log.
        missedFiringsRunOnce(JobStoreMode.MEMORY);
    }

    private void missedFiringsRunOnce(JobStoreMode jobStore) throws Exception {
        Path policies = Files.createDirectories(directory.resolve("policies"));
        Files.writeString(policies.resolve("settings.yaml"), "settings:\n  schedule: \"*/1 * * * * ?\"\n");
        Tenants tenants = Tenants.of(List.of(new TenantTarget(TenantKey.of("alpha"), "alpha", URI.create("http://127.0.0.1:1/v1.0"),
                new CredentialsReference.None(), policies, Optional.empty(), Optional.empty(), SourceLocation.unknown("test"))));
        StateDatabase database = new StateDatabase("jdbc:h2:file:" + directory.resolve("state") + "",
                Optional.empty(), Optional.empty());
        // A clustered (JDBC) store keeps the trigger while the service is down; a firing later than 1 s counts as missed.
        ServiceConfig config = new ServiceConfig(database,
                new SchedulerSettings(jobStore, "node-a", 2, Duration.ofSeconds(1), Duration.ofSeconds(1)),
                directory.resolve("runs"), Optional.empty(), false);
        ScheduleServiceFactory factory = new ScheduleServiceFactory(Guice.createInjector(),
                TenantReconcilers.of(new TestingTenantReconciler(1, Duration.ZERO)),
                new PolicyFilesSchedules(new PolicyFiles(new PolicyLoader(new QuartzCronSyntax()))), new TenantCredentials(Map.of()),
                new StateStores(Clock.systemUTC()), Clock.systemUTC());

        try (ScheduleService service = factory.start(config, tenants)) {
            Await.until(Duration.ofSeconds(10), "a first run", () -> service.runs().recent(Optional.empty(), 5),
                    runs -> !runs.isEmpty() && runs.get(0).outcome().finished());
        }
        Instant down = Instant.now();
        // Real time on purpose: five firings pass while no scheduler runs.
        Thread.sleep(5_000);
        Instant back = Instant.now();

        try (ScheduleService service = factory.start(config, tenants)) {
            List<RunRecord> runs = Await.until(Duration.ofSeconds(10), "runs after the restart",
                    () -> service.runs().recent(Optional.empty(), 50),
                    recent -> recent.stream().filter(run -> run.startedAt().isAfter(back)).count() >= 3);
            List<RunRecord> afterRestart = runs.stream().filter(run -> run.startedAt().isAfter(back)).toList();
            assertThat(afterRestart).as("no firing of the downtime is replayed one by one")
                    .noneMatch(run -> run.scheduled().orElseThrow().scheduledAt().isAfter(down.plusSeconds(1)) && run.scheduled().orElseThrow().scheduledAt().isBefore(back.minusSeconds(1)));
            assertThat(afterRestart).as("the missed firings run once, right away")
                    .filteredOn(run -> run.scheduled().orElseThrow().scheduledAt().toEpochMilli() % 1000 != 0).hasSize(1);
        }
    }
}
