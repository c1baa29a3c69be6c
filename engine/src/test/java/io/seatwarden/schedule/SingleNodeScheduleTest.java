package io.seatwarden.schedule;

import io.seatwarden.testing.Await;
import io.seatwarden.state.StateStore;
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
                    () -> service.runs().recent(Optional.empty(), 10),
                    recent -> recent.stream().filter(run -> run.outcome() == RunOutcome.APPLIED).count() >= 2);

            List<RunRecord> finished = runs.stream().filter(run -> run.outcome() == RunOutcome.APPLIED).toList();
            assertThat(finished).allSatisfy(run -> {
                assertThat(run.scheduled().orElseThrow().job()).isEqualTo("alpha");
                assertThat(run.tenant()).as("the testing reconciler reads no tenant").isEmpty();
                assertThat(run.finishedAt()).isPresent();
                assertThat(run.counts().succeeded()).isEqualTo(2);
                assertThat(run.node()).isEqualTo(service.node());
                assertThat(Path.of(run.reportDirectory().orElseThrow())).isEqualTo(directory.resolve("runs/alpha/" + run.id()));
                assertThat(Path.of(run.reportDirectory().orElseThrow()).resolve("run.json")).content().contains("\"outcome\" : \"APPLIED\"");
                assertThat(Path.of(run.reportDirectory().orElseThrow()).resolve("run.md")).content().contains("| Outcome | **APPLIED** |");
                assertThat(run.traffic().requests()).isEqualTo(4);
            });
            assertThat(finished.get(0).scheduled().orElseThrow().scheduledAt()).isNotEqualTo(finished.get(1).scheduled().orElseThrow().scheduledAt());

            InetSocketAddress http = service.httpAddress().orElseThrow();
            HttpResponse<String> health = get(http, "/healthz");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).startsWith("ok scheduler=running database=reachable");
            HttpResponse<String> metrics = get(http, "/metrics");
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
            assertThat(metrics.body())
                    .contains("# TYPE seatwarden_runs_total counter")
                    .contains("seatwarden_seats_enabled{sku=\"ENTERPRISEPACK\",tenant=\"alpha\"} 10.0")
                    .contains("seatwarden_seats_assigned{sku=\"ENTERPRISEPACK\",tenant=\"alpha\"} 3.0")
                    .contains("seatwarden_seats_available{sku=\"ENTERPRISEPACK\",tenant=\"alpha\"} 7.0")
                    .contains("seatwarden_seats_waiting{sku=\"ENTERPRISEPACK\",tenant=\"alpha\"} 0.0")
                    .containsPattern("seatwarden_runs_total\\{outcome=\"applied\",tenant=\"alpha\"} [2-9]")
                    .containsPattern("seatwarden_run_duration_seconds_count\\{outcome=\"applied\",tenant=\"alpha\"} [2-9]")
                    .containsPattern("seatwarden_changes_total\\{kind=\"add\",tenant=\"alpha\"} [1-9][0-9]*")
                    .containsPattern("seatwarden_graph_requests_total\\{tenant=\"alpha\"} [1-9]")
                    .contains("seatwarden_failures_total{tenant=\"alpha\"} 0.0")
                    .containsPattern("seatwarden_last_run_timestamp_seconds\\{tenant=\"alpha\"} 1\\.[0-9]+E9")
                    .containsPattern("(?m)^jvm_memory_used_bytes\\{area=\"heap\"");
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

        List<RunRecord> runs;
        try (StateStore state = new StateStores(Clock.systemUTC()).open(database().config())) {
            runs = state.runs().recent(Optional.empty(), 10);
        }
        assertThat(runs).hasSize(1);
        RunRecord run = runs.get(0);
        assertThat(run.outcome()).isEqualTo(RunOutcome.INTERRUPTED);
        assertThat(run.finishedAt()).isPresent();
        assertThat(run.counts().succeeded()).isEqualTo(reconciler.usersApplied()).isLessThan(100);
        assertThat(run.message()).startsWith("stopped between users after ");
    }

    @Test
    void aRunThatThrowsIsRecordedAsFailedAndTheServiceCarriesOn() throws Exception {
        TenantReconciler broken = (tenant, context) -> {
            throw new IllegalStateException("boom");
        };
        try (ScheduleService service = factory(broken).start(config(), tenants(policies("*/1 * * * * ?")))) {
            List<RunRecord> runs = Await.until(Duration.ofSeconds(10), "two failed runs",
                    () -> service.runs().recent(Optional.empty(), 10),
                    recent -> recent.stream().filter(run -> run.outcome() == RunOutcome.FAILED).count() >= 2);
            assertThat(runs.get(0).message()).isEqualTo("internal error: java.lang.IllegalStateException: boom");
            assertThat(service.metrics().scrape()).containsPattern("seatwarden_failures_total\\{tenant=\"alpha\"} [2-9]");
        }
    }

    private ScheduleServiceFactory factory(TenantReconciler reconciler) {
        return new ScheduleServiceFactory(Guice.createInjector(), TenantReconcilers.of(reconciler), new PolicyFilesSchedules(new PolicyFiles(new PolicyLoader(new QuartzCronSyntax()))),
                new TenantCredentials(Map.of()), new StateStores(Clock.systemUTC()), Clock.systemUTC());
    }

    private ServiceConfig config() {
        return new ServiceConfig(database(), SchedulerSettings.defaults(JobStoreMode.MEMORY), directory.resolve("runs"),
                Optional.of(new InetSocketAddress("127.0.0.1", 0)), false);
    }

    private StateDatabase database() {
        return new StateDatabase("jdbc:h2:file:" + directory.resolve("state") + "", Optional.empty(), Optional.empty());
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
