package io.seatwarden.schedule;

import io.seatwarden.state.RunOutcome;
import io.seatwarden.catalog.CatalogLoader;
import io.seatwarden.directory.file.TenantFileMapper;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.GraphEmulator;
import io.seatwarden.graph.CredentialsReference;
import io.seatwarden.graph.GraphReaders;
import io.seatwarden.graph.TenantCredentials;
import io.seatwarden.graph.WriteBudget;
import io.seatwarden.notify.DeliveryPolicy;
import io.seatwarden.notify.TestingWebhookReceiver;
import io.seatwarden.notify.WebhookNotifier;
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
import io.seatwarden.state.StateDatabase;
import io.seatwarden.state.StateStore;
import io.seatwarden.state.StateStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static io.seatwarden.testing.TestingTenant.tenant;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scheduled run tells its webhooks, names the tenant by its scheduler name, and says who waits for seats; a
 * receiver that is down leaves the run's outcome as it was and only a warning, without the URL's secret, in the log.
 */
class ScheduledNotificationsTest {
    @TempDir
    Path directory;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureLog() {
        originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
    }

    private RunSummary run(GraphEmulator graph, Path policies, String runId) {
        return run(URI.create(graph.baseUrl()), new CredentialsReference.None(), policies, runId);
    }

    private RunSummary run(URI graphUrl, CredentialsReference credentials, Path policies, String runId) {
        PolicyFiles policyFiles = new PolicyFiles(new PolicyLoader(new QuartzCronSyntax()));
        TenantTarget target = new TenantTarget(TenantKey.of("contoso"), "Contoso", graphUrl,
                credentials, policies, Optional.empty(), Optional.empty(), SourceLocation.unknown("test"));
        PlanReports reports = new PlanReports(Map.of(Format.TEXT, new TextPlanRenderer(), Format.MARKDOWN, new MarkdownPlanRenderer(),
                Format.JSON, new JsonPlanRenderer(), Format.HTML, new HtmlPlanRenderer()));
        WebhookNotifier notifier = new WebhookNotifier(Clock.systemUTC(), duration -> { },
                new DeliveryPolicy(2, Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(1), Duration.ofSeconds(1)));
        StateDatabase database = new StateDatabase("jdbc:h2:file:" + directory.resolve("state"), Optional.empty(), Optional.empty());
        try (StateStore state = new StateStores(Clock.systemUTC()).open(database.config());
                TenantReconcilers.Session session = new EngineTenantReconcilers(policyFiles, new GraphReaders(new CatalogLoader()),
                new CatalogLoader(), reports, new TenantCredentials(Map.of()), Clock.systemUTC(), WriteBudget.GRAPH, notifier).open(state)) {
            Path runDirectory = Files.createDirectories(directory.resolve("runs").resolve(runId));
            return session.reconciler().reconcile(target, new RunContext(RunId.of(runId), runDirectory, Instant.now(), false, new Cancellation()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aScheduledRunTellsItsWebhooksAndADownReceiverOnlyWarns() throws IOException {
        try (GraphEmulator graph = GraphEmulator.start(TenantFileMapper.toFile(tenant().sku("E3", 1).group("Sales")
                .user("alice").inGroup("Sales").user("bob").inGroup("Sales").user("carol").inGroup("Sales").build()), EmulatorOptions.defaults());
                TestingWebhookReceiver receiver = TestingWebhookReceiver.start()) {
            String down;
            try (TestingWebhookReceiver gone = TestingWebhookReceiver.start()) {
                down = gone.url();
            }
            Path policies = Files.createDirectories(directory.resolve("policies"));
            Files.writeString(policies.resolve("sales.yaml"), "policies:\n  - name: sales\n    group: Sales\n    licenses:\n      - sku: E3\n"
                    + "settings:\n  notify:\n    - url: " + receiver.url() + "\n      on: [shortage, applied, failure]\n      format: teams\n"
                    + "    - url: " + down + "\n      on: [shortage]\n");

            RunSummary summary = run(graph, policies, "20260101T020000000Z-0000aaaa");

            assertThat(summary.outcome()).isEqualTo(RunOutcome.APPLIED);
            assertThat(summary.message()).startsWith("1 applied, 0 failed, 2 waiting for seats")
                    .endsWith(". 2 users are waiting for seats of E3: buy 2 seats or free 2; the next run assigns them");
            assertThat(receiver.bodies()).singleElement().satisfies(body -> assertThat(body)
                    .contains("Seatwarden: tenant Contoso", "2 users are waiting for seats", "1 user changed")
                    .doesNotContain("run failed"));
            String log = err.toString(StandardCharsets.UTF_8);
            assertThat(log).contains("notify.sent").contains("notify.failed").contains("http://127.0.0.1/…");
            assertThat(log).doesNotContain(TestingWebhookReceiver.SECRET).doesNotContain("s3cr3t");
            try (Stream<Path> files = Files.walk(directory.resolve("runs"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertThat(Files.readString(file)).as(file.toString()).doesNotContain("s3cr3t");
                }
            }
        }
    }

    @Test
    void aRunThatCannotEvenConnectIsAFailureToldToItsWebhooks() throws IOException {
        try (TestingWebhookReceiver receiver = TestingWebhookReceiver.start()) {
            Path policies = Files.createDirectories(directory.resolve("policies"));
            Files.writeString(policies.resolve("sales.yaml"), "policies:\n  - name: sales\n    group: Sales\n    licenses:\n      - sku: E3\n"
                    + "settings:\n  notify:\n    - url: " + receiver.url() + "\n      on: [failure]\n");

            // Credentials from environment variables that are not set: refused before anything is sent.
            RunSummary summary = run(URI.create("https://graph.invalid/v1.0"), new CredentialsReference.EnvironmentPrefix("SEATWARDEN_TEST_NONE"),
                    policies, "20260101T020000000Z-0000bbbb");

            assertThat(summary.outcome()).isEqualTo(RunOutcome.FAILED);
            assertThat(receiver.bodies()).singleElement().satisfies(body -> assertThat(body)
                    .contains("\"event\":\"failure\"", "the run failed", "cannot connect to https://graph.invalid/v1.0", "\"name\":\"Contoso\""));
        }
    }
}
