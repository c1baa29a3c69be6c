package io.seatwarden.schedule;

import io.seatwarden.testing.Await;
import io.seatwarden.state.RunOutcome;
import io.seatwarden.state.RunRecord;
import io.seatwarden.graph.CredentialsReference;
import io.seatwarden.graph.TenantCredentials;

import com.google.inject.Guice;
import io.seatwarden.catalog.CatalogLoader;
import io.seatwarden.directory.file.TenantFileMapper;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.GraphEmulator;
import io.seatwarden.emulator.RequestLog;
import io.seatwarden.graph.GraphReaders;
import io.seatwarden.graph.WriteBudget;
import io.seatwarden.policy.PolicyLoader;
import io.seatwarden.policy.SourceLocation;
import io.seatwarden.policy.file.PolicyFiles;
import io.seatwarden.report.Format;
import io.seatwarden.report.HtmlPlanRenderer;
import io.seatwarden.report.JsonPlanRenderer;
import io.seatwarden.report.MarkdownPlanRenderer;
import io.seatwarden.report.PlanReports;
import io.seatwarden.report.TextPlanRenderer;
import io.seatwarden.state.RunId;
import io.seatwarden.state.RunKind;
import io.seatwarden.state.StateConfig;
import io.seatwarden.state.StateDatabase;
import io.seatwarden.state.StateStore;
import io.seatwarden.state.StateStores;
import io.seatwarden.testing.TestingTenant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.seatwarden.testing.TestingTenant.skuId;
import static io.seatwarden.testing.TestingTenant.tenant;
import static io.seatwarden.testing.TestingTenant.userId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The single-node default end to end: the scheduler runs the engine's reconcile flow on a 2-second
 * cron against the in-process Graph emulator (reads and writes through the real Graph SDK), with
 * the state in an H2 file; the first run applies, the second finds nothing to do, and both are recorded.
 */
class ScheduledReconcileEndToEndTest {
    @TempDir
    Path directory;

    @Test
    void twoScheduledReconciliationsAgainstTheEmulatorAreBothRecorded() throws Exception {
        var tenantFile = TenantFileMapper.toFile(tenant().sku("E3", 10).group("Sales")
                .user("alice").inGroup("Sales").user("bob").inGroup("Sales").user("carol").inGroup("Sales").build());
        Path policies = Files.createDirectories(directory.resolve("policies"));
        Files.writeString(policies.resolve("sales.yaml"), """
                policies:
                  - name: sales
                    group: Sales
                    usageLocation: DE
                    licenses:
                      - sku: E3
                settings:
                  schedule: "*/2 * * * * ?"
                """);
        try (GraphEmulator graph = GraphEmulator.start(tenantFile, EmulatorOptions.defaults())) {
            URI url = URI.create(graph.baseUrl());
            PolicyFiles policyFiles = new PolicyFiles(new PolicyLoader(new QuartzCronSyntax()));
            // The production flow: Graph reader and writer through the real SDK, state in the service's database.
            TenantReconcilers reconcilers = new EngineTenantReconcilers(policyFiles, new GraphReaders(new CatalogLoader()),
                    new CatalogLoader(), reports(), new TenantCredentials(Map.of()), Clock.systemUTC());
            ScheduleServiceFactory factory = new ScheduleServiceFactory(Guice.createInjector(), reconcilers,
                    new PolicyFilesSchedules(policyFiles), new TenantCredentials(Map.of()), new StateStores(Clock.systemUTC()), Clock.systemUTC());
            StateDatabase database = new StateDatabase("jdbc:h2:file:" + directory.resolve("state") + "",
                    Optional.empty(), Optional.empty());
            ServiceConfig config = new ServiceConfig(database, SchedulerSettings.defaults(JobStoreMode.MEMORY), directory.resolve("runs"),
                    Optional.of(new InetSocketAddress("127.0.0.1", 0)), false);
            TenantTarget target = new TenantTarget(TenantKey.of("contoso"), "Contoso", url, new CredentialsReference.None(), policies,
                    Optional.empty(), Optional.empty(), SourceLocation.unknown("test"));

            List<RunRecord> runs;
            try (ScheduleService service = factory.start(config, Tenants.of(List.of(target)))) {
                runs = Await.until(Duration.ofSeconds(20), "two recorded runs",
                        () -> service.runs().recent(Optional.empty(), 10),
                        recent -> recent.stream().filter(run -> run.outcome().finished()).count() >= 2);
                // A run is in the history (ReconcileRun finishes it) a moment before the service measures it.
                String metrics = Await.until(Duration.ofSeconds(10), "the second run measured", () -> service.metrics().scrape(),
                        text -> text.contains("seatwarden_runs_total{outcome=\"nothing_to_do\",tenant=\"contoso\"}"));
                assertThat(metrics)
                        .contains("seatwarden_changes_total{kind=\"add\",tenant=\"contoso\"} 3.0")
                        .contains("seatwarden_seats_enabled{sku=\"E3\",tenant=\"contoso\"} 10.0")
                        .contains("seatwarden_seats_assigned{sku=\"E3\",tenant=\"contoso\"} 3.0")
                        .contains("seatwarden_seats_available{sku=\"E3\",tenant=\"contoso\"} 7.0")
                        .contains("seatwarden_runs_total{outcome=\"applied\",tenant=\"contoso\"} 1.0")
                        .containsPattern("seatwarden_runs_total\\{outcome=\"nothing_to_do\",tenant=\"contoso\"} [1-9]")
                        .containsPattern("seatwarden_graph_requests_total\\{tenant=\"contoso\"} [1-9]");
            }

            List<RunRecord> oldestFirst = runs.stream().filter(run -> run.outcome().finished())
                    .sorted(Comparator.comparing(RunRecord::startedAt)).toList();
            RunRecord first = oldestFirst.get(0);
            RunRecord second = oldestFirst.get(1);
            assertThat(first.outcome()).isEqualTo(RunOutcome.APPLIED);
            assertThat(first.counts().succeeded()).isEqualTo(3);
            assertThat(first.traffic().requests()).isPositive();
            assertThat(second.outcome()).isEqualTo(RunOutcome.NOTHING_TO_DO);
            assertThat(second.message()).isEqualTo("nothing to change");
            assertThat(second.counts().changes()).isZero();
            Path runDirectory = Path.of(first.reportDirectory().orElseThrow());
            for (Format format : Format.values()) {
                assertThat(runDirectory.resolve("plan." + format.fileExtension())).isNotEmptyFile();
            }
            assertThat(runDirectory.resolve("apply.json")).content().contains("\"outcome\" : \"APPLIED\"", "alice");
            assertThat(runDirectory.resolve("run.json")).content().contains("\"outcome\" : \"APPLIED\"");

            // The engine's run history (what `seatwarden runs` lists) has each scheduled run once, under the scheduler's id.
            try (StateStore state = new StateStores(Clock.systemUTC()).open(new StateConfig(database.url(), Optional.empty(), Optional.empty()))) {
                List<RunRecord> history = state.runs().recent(Optional.empty(), 50);
                assertThat(history).extracting(run -> run.id().value()).containsAll(oldestFirst.stream().map(run -> run.id().value()).toList());
                assertThat(history).extracting(run -> run.id().value()).doesNotHaveDuplicates();
                assertThat(history).allMatch(run -> run.kind() == RunKind.SCHEDULED);
                RunRecord recorded = state.runs().find(first.id()).orElseThrow();
                assertThat(recorded.tenant()).as("tied to the tenant once read").isPresent();
                assertThat(recorded.scheduled().orElseThrow().job()).isEqualTo("contoso");
                assertThat(recorded.counts().succeeded()).isEqualTo(3);
                // Each scheduled run recorded its seats (what `seatwarden history` shows): 3 of 10 in use after the first.
                List<io.seatwarden.state.SeatSample> seats = state.seatHistory().since(Optional.empty(), Instant.EPOCH);
                io.seatwarden.state.SeatSample afterFirst = seats.stream().filter(sample -> sample.run().equals(Optional.of(first.id())))
                        .findFirst().orElseThrow();
                assertThat(List.of(afterFirst.enabled(), afterFirst.assigned(), afterFirst.available(), afterFirst.waiting()))
                        .containsExactly(10, 3, 7, 0);
                assertThat(seats).filteredOn(sample -> sample.run().equals(Optional.of(second.id()))).hasSize(1);
            }

            // Nothing applied twice: one assignLicense per user in all, and every user converged.
            assertThat(graph.requestLog().count("POST /users/{id}/assignLicense")).isEqualTo(3);
            for (String name : List.of("alice", "bob", "carol")) {
                assertThat(graph.state().snapshot().user(userId(name)).orElseThrow().holds(skuId("E3"))).isTrue();
            }
        }
    }

    @Test
    void aGracefulStopMidApplyStopsBetweenBatchesIsRecordedInterruptedAndTheNextRunConvergesWithNothingAppliedTwice()
            throws Exception {
        TestingTenant fixture = tenant().sku("E3", 200).group("Sales");
        for (int user = 0; user < 100; user++) {
            fixture = fixture.user(String.format("user%03d", user)).inGroup("Sales");
        }
        Path policies = Files.createDirectories(directory.resolve("policies"));
        Files.writeString(policies.resolve("sales.yaml"), "policies:\n  - name: sales\n    group: Sales\n    licenses:\n      - sku: E3\n"
                + "settings:\n  schedule: \"0 0 3 * * ?\"\n");
        try (GraphEmulator graph = GraphEmulator.start(TenantFileMapper.toFile(fixture.build()), EmulatorOptions.defaults())) {
            URI url = URI.create(graph.baseUrl());
            PolicyFiles policyFiles = new PolicyFiles(new PolicyLoader(new QuartzCronSyntax()));
            TenantTarget target = new TenantTarget(TenantKey.of("contoso"), "Contoso", url, new CredentialsReference.None(), policies,
                    Optional.empty(), Optional.empty(), SourceLocation.unknown("test"));

            // A small write budget (4 writes a second) makes the writer wait between batches, where a stop takes effect.
            ScheduleService first = engineFactory(policyFiles, WriteBudget.of(40, Duration.ofSeconds(10)))
                    .start(runNowConfig(), Tenants.of(List.of(target)));
            Await.until(Duration.ofSeconds(30), "the first batch applied", () -> successfulAssignments(graph).size(),
                    applied -> applied >= 20);
            first.stop();
            int appliedWhenStopped = successfulAssignments(graph).size();
            assertThat(appliedWhenStopped).isBetween(20, 80);

            try (ScheduleService second = engineFactory(policyFiles, WriteBudget.GRAPH).start(runNowConfig(), Tenants.of(List.of(target)))) {
                List<RunRecord> runs = Await.until(Duration.ofSeconds(30), "a second run finished",
                        () -> second.runs().recent(Optional.empty(), 10), recent -> recent.size() >= 2 && recent.get(0).outcome().finished());
                RunRecord stopped = runs.get(1);
                assertThat(stopped.outcome()).isEqualTo(RunOutcome.INTERRUPTED);
                assertThat(stopped.finishedAt()).isPresent();
                RunRecord resumed = runs.get(0);
                assertThat(resumed.outcome()).isEqualTo(RunOutcome.APPLIED);
                assertThat(resumed.counts().succeeded()).isEqualTo(100 - appliedWhenStopped);
            }
            assertThat(successfulAssignments(graph)).hasSize(100);
            assertThat(successfulAssignments(graph).values()).containsOnly(1L);
        }
    }

    @Test
    void aRunAskedToStopBeforeItsFirstBatchSendsNothingAndIsInterrupted() throws Exception {
        Path policies = Files.createDirectories(directory.resolve("policies"));
        Files.writeString(policies.resolve("sales.yaml"), "policies:\n  - name: sales\n    group: Sales\n    licenses:\n      - sku: E3\n");
        try (GraphEmulator graph = GraphEmulator.start(TenantFileMapper.toFile(tenant().sku("E3", 10).group("Sales")
                .user("alice").inGroup("Sales").build()), EmulatorOptions.defaults())) {
            PolicyFiles policyFiles = new PolicyFiles(new PolicyLoader(new QuartzCronSyntax()));
            TenantTarget target = new TenantTarget(TenantKey.of("contoso"), "Contoso", URI.create(graph.baseUrl()),
                    new CredentialsReference.None(), policies, Optional.empty(), Optional.empty(), SourceLocation.unknown("test"));
            Cancellation stop = new Cancellation();
            stop.request();
            Path runDirectory = Files.createDirectories(directory.resolve("run"));
            StateDatabase database = new StateDatabase("jdbc:h2:file:" + directory.resolve("state"), Optional.empty(), Optional.empty());

            try (StateStore state = new StateStores(Clock.systemUTC()).open(database.config());
                    TenantReconcilers.Session session = new EngineTenantReconcilers(policyFiles, new GraphReaders(new CatalogLoader()),
                    new CatalogLoader(), reports(), new TenantCredentials(Map.of()), Clock.systemUTC())
                    .open(state)) {
                RunSummary summary = session.reconciler().reconcile(target,
                        new RunContext(RunId.of("test-run"), runDirectory, java.time.Instant.now(), false, stop));

                assertThat(summary.outcome()).isEqualTo(RunOutcome.INTERRUPTED);
                assertThat(Thread.currentThread().isInterrupted()).isFalse();
            }
            assertThat(graph.requestLog().count("POST /users/{id}/assignLicense")).isZero();
        }
    }

    private ScheduleServiceFactory engineFactory(PolicyFiles policyFiles, WriteBudget budget) {
        TenantReconcilers reconcilers = new EngineTenantReconcilers(policyFiles, new GraphReaders(new CatalogLoader()),
                new CatalogLoader(), reports(), new TenantCredentials(Map.of()), Clock.systemUTC(),
                budget);
        return new ScheduleServiceFactory(Guice.createInjector(), reconcilers, new PolicyFilesSchedules(policyFiles),
                new TenantCredentials(Map.of()), new StateStores(Clock.systemUTC()), Clock.systemUTC());
    }

    private ServiceConfig runNowConfig() {
        StateDatabase database = new StateDatabase("jdbc:h2:file:" + directory.resolve("state") + "",
                Optional.empty(), Optional.empty());
        return new ServiceConfig(database, SchedulerSettings.defaults(JobStoreMode.MEMORY), directory.resolve("runs"), Optional.empty(), true);
    }

    /** Successful assignLicense writes (single requests or batch steps) per user. */
    private static Map<String, Long> successfulAssignments(GraphEmulator graph) {
        return graph.requestLog().entries("POST /users/{id}/assignLicense").stream()
                .filter(entry -> entry.status() == 200)
                .collect(Collectors.groupingBy(RequestLog.Entry::path, Collectors.counting()));
    }

    private static PlanReports reports() {
        return new PlanReports(Map.of(Format.TEXT, new TextPlanRenderer(), Format.MARKDOWN, new MarkdownPlanRenderer(),
                Format.JSON, new JsonPlanRenderer(), Format.HTML, new HtmlPlanRenderer()));
    }
}
