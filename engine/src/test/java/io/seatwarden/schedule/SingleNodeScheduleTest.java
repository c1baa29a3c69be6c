package io.seatwarden.schedule;

import io.seatwarden.graph.CredentialsReference;
import io.seatwarden.graph.TenantCredentials;

import com.google.inject.Guice;
import io.seatwarden.policy.PolicyLoader;
import io.seatwarden.policy.SourceLocation;
import io.seatwarden.policy.file.PolicyFiles;
import io.seatwarden.state.StateDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** One node on the embedded default (H2 in a temp directory, Quartz in memory) on a fast cron. */
class SingleNodeScheduleTest {
    @TempDir
    Path directory;

    @Test
    void runsTwoScheduledReconciliationsAndRecordsBoth() throws Exception {
        TestingTenantReconciler reconciler = new TestingTenantReconciler(2, Duration.ZERO);
        // The schedule comes from the policies' settings.schedule: every 2 seconds.
        Path policies = policies("*/2 * * * * ?");
        try (ScheduleService service = factory(reconciler).start(config(), tenants(policies))) {
            List<RunRecord> runs = Await.until(Duration.ofSeconds(15), "two finished runs",
                    () -> service.runLog().recent(Optional.empty(), 10),
                    recent -> recent.stream().filter(run -> run.outcome() == RunOutcome.SUCCEEDED).count() >= 2);

            List<RunRecord> finished = runs.stream().filter(run -> run.outcome() == RunOutcome.SUCCEEDED).toList();
            assertThat(finished).allSatisfy(run -> {
                assertThat(run.tenant()).isEqualTo(TenantKey.of("alpha"));
                assertThat(run.endedAt()).isPresent();
                assertThat(run.changes()).containsEntry("add", 2);
                assertThat(run.node()).isEqualTo(service.node());
                assertThat(Path.of(run.runDirectory())).isEqualTo(directory.resolve("runs/alpha/" + run.runId()));
                assertThat(Path.of(run.runDirectory()).resolve("run.json")).content().contains("\"outcome\" : \"SUCCEEDED\"");
                assertThat(Path.of(run.runDirectory()).resolve("run.md")).content().contains("| Outcome | **SUCCEEDED** |");
            });
            assertThat(finished.get(0).scheduledAt()).isNotEqualTo(finished.get(1).scheduledAt());

            InetSocketAddress http = service.httpAddress().orElseThrow();
            HttpResponse<String> health = get(http, "/healthz");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).startsWith("ok scheduler=running database=reachable");
            HttpResponse<String> metrics = get(http, "/metrics");
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
            assertThat(metrics.body())
                    .contains("# TYPE seatwarden_runs_total counter")
                    .contains("seatwarden_seats_free{sku=\"ENTERPRISEPACK\",tenant=\"alpha\"} 7")
                    .containsPattern("seatwarden_runs_total\\{outcome=\"succeeded\",tenant=\"alpha\"} [2-9]")
                    .containsPattern("seatwarden_changes_total\\{kind=\"add\",tenant=\"alpha\"} [1-9][0-9]*")
                    .contains("seatwarden_failures_total{tenant=\"alpha\"} 0")
                    .containsPattern("seatwarden_last_run_timestamp_seconds\\{tenant=\"alpha\"} [0-9]{10}");
        }
        assertThat(reconciler.calls()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void gracefulStopFinishesTheUserInFlightAndRecordsAnInterruptedRun() throws Exception {
        TestingTenantReconciler reconciler = new TestingTenantReconciler(100, Duration.ofMillis(100));
        Path policies = policies("*/1 * * * * ?");
        ScheduleService service = factory(reconciler).start(config(), tenants(policies));
        Await.until(Duration.ofSeconds(10), "a run in flight", reconciler::usersApplied, applied -> applied >= 3);

        service.stop();

        List<RunRecord> runs = new JdbcRunLog(pool()).recent(Optional.empty(), 10);
        assertThat(runs).hasSize(1);
        RunRecord run = runs.get(0);
        assertThat(run.outcome()).isEqualTo(RunOutcome.INTERRUPTED);
        assertThat(run.endedAt()).isPresent();
        assertThat(run.changes().get("add")).isEqualTo(reconciler.usersApplied()).isLessThan(100);
        assertThat(run.message()).startsWith("stopped between users after ");
    }

    @Test
    void aRunThatThrowsIsRecordedAsFailedAndTheServiceCarriesOn() throws Exception {
        TenantReconciler broken = (tenant, context) -> {
            throw new IllegalStateException("boom");
        };
        try (ScheduleService service = factory(broken).start(config(), tenants(policies("*/1 * * * * ?")))) {
            List<RunRecord> runs = Await.until(Duration.ofSeconds(10), "two failed runs",
                    () -> service.runLog().recent(Optional.empty(), 10),
                    recent -> recent.stream().filter(run -> run.outcome() == RunOutcome.FAILED).count() >= 2);
            assertThat(runs.get(0).message()).isEqualTo("internal error: java.lang.IllegalStateException: boom");
            assertThat(service.metrics().render()).containsPattern("seatwarden_failures_total\\{tenant=\"alpha\"} [2-9]");
        }
    }

    private ScheduleServiceFactory factory(TenantReconciler reconciler) {
        return new ScheduleServiceFactory(Guice.createInjector(), TenantReconcilers.of(reconciler), new PolicyFilesSchedules(new PolicyFiles(new PolicyLoader(new QuartzCronSyntax()))),
                new TenantCredentials(Map.of()), Clock.systemUTC());
    }

    private ServiceConfig config() {
        return new ServiceConfig(database(), SchedulerSettings.defaults(JobStoreMode.MEMORY), directory.resolve("runs"),
                Optional.of(new InetSocketAddress("127.0.0.1", 0)), false);
    }

    private StateDatabase database() {
        return new StateDatabase("jdbc:h2:file:" + directory.resolve("state") + "", Optional.empty(), Optional.empty());
    }

    private com.zaxxer.hikari.HikariDataSource pool() {
        return database().openPool("test", 1);
    }

    private Path policies(String cron) throws IOException {
        Path policies = Files.createDirectories(directory.resolve("policies"));
        Files.writeString(policies.resolve("settings.yaml"), "settings:\n  maxRemovals: 5\n  schedule: \"" + cron + "\"\n");
        return policies;
    }

    private static Tenants tenants(Path policies) {
        return Tenants.of(List.of(new TenantTarget(TenantKey.of("alpha"), "Alpha", URI.create("http://127.0.0.1:1/v1.0"),
                new CredentialsReference.None(), policies, Optional.empty(), Optional.empty(), SourceLocation.unknown("test"))));
    }

    private static HttpResponse<String> get(InetSocketAddress address, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
