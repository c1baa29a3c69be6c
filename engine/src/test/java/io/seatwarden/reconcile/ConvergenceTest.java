package io.seatwarden.reconcile;

import io.seatwarden.state.RunOutcome;
import io.seatwarden.catalog.CatalogLoader;
import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.directory.file.TenantFileMapper;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.GraphEmulator;
import io.seatwarden.emulator.RequestLog;
import io.seatwarden.graph.GraphClientFactory;
import io.seatwarden.graph.GraphClientOptions;
import io.seatwarden.graph.GraphLicenseWriter;
import io.seatwarden.graph.GraphReaders;
import io.seatwarden.graph.ProgressListener;
import io.seatwarden.graph.RetryPolicy;
import io.seatwarden.graph.SkippedTime;
import io.seatwarden.graph.WriteBudget;
import io.seatwarden.graph.WritePace;
import io.seatwarden.plan.Ownership;
import io.seatwarden.policy.PolicySet;
import io.seatwarden.state.JournalEntry;
import io.seatwarden.state.JournalState;
import io.seatwarden.state.RunId;
import io.seatwarden.state.StateConfig;
import io.seatwarden.state.StateStore;
import io.seatwarden.state.StateStores;
import io.seatwarden.testing.TestingTenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.seatwarden.testing.TestingPolicies.policies;
import static io.seatwarden.testing.TestingTenant.skuId;
import static io.seatwarden.testing.TestingTenant.tenant;
import static io.seatwarden.testing.TestingTenant.userId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Apply, then plan again: no changes, whatever Graph does in between (throttling, latency, 503
 * before and 504 after writes), and no change carried out twice. The real SDK against the
 * emulator, H2 state. The writer's waits (back-off, Retry-After, write pace) take no time: they move
 * a clock that the emulator's budgets also run on ({@link SkippedTime}). The reads' retries are the
 * SDK's and wait in real time, from a back-off base of zero instead of 3 s.
 */
class ConvergenceTest {
    private static final int USERS = 60;
    private static final GraphClientOptions READ_RETRIES = GraphClientOptions.defaults().withRetries(5, Duration.ZERO);

    @TempDir
    Path stateDirectory;
    private StateStore state;
    private GraphEmulator emulator;
    private final SkippedTime clock = new SkippedTime();

    @BeforeEach
    void openState() {
        state = new StateStores(clock).open(StateConfig.h2File(stateDirectory.resolve("state")));
    }

    @AfterEach
    void close() {
        state.close();
        if (emulator != null) {
            emulator.close();
        }
    }

    /** 60 users in Sales (E3 for all, by policy), 10 of them holding E5 the engine assigned and must take back. */
    private TestingTenant tenantWithWork() {
        TestingTenant tenant = tenant().sku("E3", 100).sku("E5", 100).group("Sales");
        for (int i = 1; i <= USERS; i++) {
            tenant.user(name(i)).inGroup("Sales");
            if (i <= 10) {
                tenant.holds("E5");
            }
        }
        return tenant;
    }

    private static String name(int i) {
        return String.format("u%03d", i);
    }

    private PolicySet salesE3() {
        return policies().policy("sales", "Sales").grant("E3").build();
    }

    private RunResult run(EmulatorOptions options, RunOptions runOptions) {
        if (emulator == null) {
            emulator = GraphEmulator.start(TenantFileMapper.toFile(tenantWithWork().build()), options.withClock(clock));
            for (int i = 1; i <= 10; i++) {
                state.assignments().recordAssigned(emulator.state().snapshot().tenantId(),
                        RunId.of("seed"), List.of(new Ownership.Key(userId(name(i)), skuId("E5"))));
            }
        }
        URI url = URI.create(emulator.baseUrl());
        TenantConnection connection = new TenantConnection(new GraphReaders(new CatalogLoader(), READ_RETRIES).open(url, ProgressListener.NONE),
                new GraphLicenseWriter(GraphClientFactory.forWrites(url), new WritePace(WriteBudget.GRAPH, clock, clock),
                        new RetryPolicy(12, 8, Duration.ofMillis(200), Duration.ofSeconds(5)), clock, clock));
        return new ReconcileRun(state, ProductCatalog.empty(), clock).run(RunRequest.unattended(connection, salesE3(), runOptions));
    }

    private void assertConverged(EmulatorOptions options) {
        RunResult applied = run(options, RunOptions.apply());
        assertThat(applied.outcome()).as(applied.message()).isEqualTo(RunOutcome.APPLIED);
        assertThat(applied.applied().orElseThrow().changes()).hasSize(USERS);
        for (int i = 1; i <= USERS; i++) {
            io.seatwarden.directory.User user = emulator.state().snapshot().user(userId(name(i))).orElseThrow();
            assertThat(user.holds(skuId("E3"))).isTrue();
            assertThat(user.holds(skuId("E5"))).isFalse();
        }
        assertThat(state.journal().entries(applied.runId().orElseThrow())).extracting(JournalEntry::state)
                .containsOnly(JournalState.SUCCEEDED);
        assertThat(state.assignments().load(emulator.state().snapshot().tenantId()).keys()).hasSize(USERS);
        assertThat(effects()).hasSize(USERS).allSatisfy((user, count) -> assertThat(count).as(user).isEqualTo(1));

        RunResult again = run(options, RunOptions.apply().asDryRun());
        assertThat(again.plan().orElseThrow().changes()).isEmpty();
    }

    /** Per user, how many assignLicense calls took effect (answered 200, or 504 after the write). */
    private Map<String, Integer> effects() {
        Map<String, Integer> effects = new TreeMap<>();
        for (RequestLog.Entry entry : emulator.requestLog().entries("POST /users/{id}/assignLicense")) {
            if (entry.status() == 200 || entry.status() == 504) {
                effects.merge(entry.path(), 1, Integer::sum);
            }
        }
        return effects;
    }

    @Test
    void convergesWithoutFaults() {
        assertConverged(EmulatorOptions.defaults());
    }

    @Test
    void convergesUnderFailures503BeforeAnd504AfterTheWrite() {
        assertConverged(EmulatorOptions.defaults().withFailRate(0.3, 5));
        assertThat(emulator.requestLog().entries(entry -> entry.status() == 504)).isNotEmpty();
        assertThat(emulator.requestLog().entries(entry -> entry.status() == 503)).isNotEmpty();
    }

    @Test
    void convergesUnderThrottlingAndLatency() {
        assertConverged(EmulatorOptions.defaults().withThrottle(40).withLatency(Duration.ofMillis(30)));
        assertThat(emulator.requestLog().entries(entry -> entry.status() == 429)).isNotEmpty();
    }
}
