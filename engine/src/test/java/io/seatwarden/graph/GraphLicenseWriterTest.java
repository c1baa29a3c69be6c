package io.seatwarden.graph;

import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.UserId;
import io.seatwarden.directory.file.TenantFileMapper;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.FaultPlan;
import io.seatwarden.emulator.GraphEmulator;
import io.seatwarden.emulator.RequestLog;
import io.seatwarden.plan.LicenseAdd;
import io.seatwarden.reconcile.GraphFailure;
import io.seatwarden.reconcile.UserLicenses;
import io.seatwarden.reconcile.WriteListener;
import io.seatwarden.reconcile.WriteOperation;
import io.seatwarden.reconcile.WriteResult;
import io.seatwarden.testing.TestingTenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static io.seatwarden.testing.TestingTenant.skuId;
import static io.seatwarden.testing.TestingTenant.tenant;
import static io.seatwarden.testing.TestingTenant.userId;
import static org.assertj.core.api.Assertions.assertThat;

/** The writer through the real Graph SDK against the emulator; time is a testing clock shared by both. */
class GraphLicenseWriterTest {
    private static final String ASSIGN = "POST /users/{id}/assignLicense";

    private final TestingTime time = new TestingTime();
    private GraphEmulator emulator;

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private GraphLicenseWriter start(int users, int seats, EmulatorOptions options, WriteBudget budget) {
        TestingTenant builder = tenant().sku("E3", seats).group("Sales");
        for (int i = 1; i <= users; i++) {
            builder.user(name(i)).inGroup("Sales");
        }
        TenantSnapshot snapshot = builder.build();
        emulator = GraphEmulator.start(TenantFileMapper.toFile(snapshot), options.withClock(time));
        return new GraphLicenseWriter(GraphClientFactory.forWrites(URI.create(emulator.baseUrl())), new WritePace(budget, time, time),
                RetryPolicy.defaults(), time, time);
    }

    private static String name(int i) {
        return String.format("u%03d", i);
    }

    private static List<WriteOperation> addE3(int users) {
        List<WriteOperation> operations = new ArrayList<>();
        for (int i = 1; i <= users; i++) {
            operations.add(new WriteOperation.AssignLicenses(userId(name(i)), name(i), List.of(new LicenseAdd(skuId("E3"), "E3", List.of())), List.of()));
        }
        return operations;
    }

    /** Per user, how many of its assignLicense calls took effect (answered 200, or 504 after the write). */
    private Map<String, Integer> effects() {
        Map<String, Integer> effects = new TreeMap<>();
        for (RequestLog.Entry entry : emulator.requestLog().entries(ASSIGN)) {
            if (entry.status() == 200 || entry.status() == 504) {
                effects.merge(entry.path(), 1, Integer::sum);
            }
        }
        return effects;
    }

    private boolean holdsE3(int i) {
        return emulator.state().snapshot().user(userId(name(i))).orElseThrow().holds(skuId("E3"));
    }

    @Test
    void sendsOneAssignLicensePerUserInBatchesOfAtMostTwenty() throws InterruptedException {
        GraphLicenseWriter writer = start(45, 100, EmulatorOptions.defaults(), WriteBudget.GRAPH);

        List<WriteResult> results = writer.write(addE3(45), WriteListener.none());

        assertThat(results).hasSize(45).allMatch(WriteResult::applied);
        assertThat(emulator.requestLog().count("POST /$batch")).isEqualTo(3);
        assertThat(emulator.requestLog().entries(ASSIGN)).hasSize(45);
        assertThat(effects()).hasSize(45).allSatisfy((user, count) -> assertThat(count).isEqualTo(1));
        assertThat(emulator.requestLog().entries(ASSIGN).get(0).body()).contains("\"removeLicenses\":[]");
        Map<Long, Integer> stepsPerBatch = new TreeMap<>();
        long batch = 0;
        for (RequestLog.Entry entry : emulator.requestLog().entries()) {
            if (!entry.batchItem()) {
                batch = entry.sequence();
            } else {
                stepsPerBatch.merge(batch, 1, Integer::sum);
            }
        }
        assertThat(stepsPerBatch.values()).allSatisfy(steps -> assertThat(steps).isLessThanOrEqualTo(20));
        assertThat(holdsE3(45)).isTrue();
    }

    @Test
    void aThrottledItemIsSentAgainOnlyAfterRetryAfter() throws InterruptedException {
        GraphLicenseWriter writer = start(5, 100, EmulatorOptions.defaults(), WriteBudget.GRAPH);
        emulator.faults().onNext("POST", "/users/{id}/assignLicense", FaultPlan.Fault.throttle(Duration.ofSeconds(7)));

        List<WriteResult> results = writer.write(addE3(5), WriteListener.none());

        assertThat(results).allMatch(WriteResult::applied);
        List<RequestLog.Entry> calls = emulator.requestLog().entries(ASSIGN);
        RequestLog.Entry throttled = calls.stream().filter(entry -> entry.status() == 429).findFirst().orElseThrow();
        RequestLog.Entry retry = calls.stream().filter(entry -> entry.path().equals(throttled.path()) && entry.status() == 200)
                .findFirst().orElseThrow();
        assertThat(Duration.between(throttled.time(), retry.time())).isGreaterThanOrEqualTo(Duration.ofSeconds(7));
        assertThat(effects()).hasSize(5).allSatisfy((user, count) -> assertThat(count).isEqualTo(1));
        assertThat(writer.stats().throttled()).isEqualTo(1);
    }

    @Test
    void aGatewayTimeoutAfterTheWriteIsSettledByReadingTheUserBackNotBySendingAgain() throws InterruptedException {
        GraphLicenseWriter writer = start(3, 100, EmulatorOptions.defaults(), WriteBudget.GRAPH);
        emulator.faults().onNext("POST", "/users/{id}/assignLicense", FaultPlan.Fault.timeoutAfterWrite());

        List<WriteResult> results = writer.write(addE3(3), WriteListener.none());

        assertThat(results).allMatch(WriteResult::applied);
        assertThat(results.get(0).settledByReadBack()).isTrue();
        assertThat(emulator.requestLog().entries(ASSIGN)).hasSize(3);
        assertThat(emulator.requestLog().count("GET /users/{id}")).isEqualTo(1);
        assertThat(effects()).allSatisfy((user, count) -> assertThat(count).isEqualTo(1));
    }

    @Test
    void aServiceUnavailableItemIsSentAgainAndAWholeBatchTimeoutIsReadBack() throws InterruptedException {
        GraphLicenseWriter writer = start(4, 100, EmulatorOptions.defaults(), WriteBudget.GRAPH);
        emulator.faults().onNext("POST", "/users/{id}/assignLicense", FaultPlan.Fault.unavailable());
        emulator.faults().onNext("POST", "/$batch", FaultPlan.Fault.timeoutAfterWrite());

        List<WriteResult> results = writer.write(addE3(4), WriteListener.none());

        assertThat(results).allMatch(WriteResult::applied);
        assertThat(effects()).hasSize(4).allSatisfy((user, count) -> assertThat(count).isEqualTo(1));
        for (int i = 1; i <= 4; i++) {
            assertThat(holdsE3(i)).isTrue();
        }
    }

    @Test
    void noSeatsIsReportedAsSuchAndNotRetried() throws InterruptedException {
        GraphLicenseWriter writer = start(3, 2, EmulatorOptions.defaults(), WriteBudget.GRAPH);

        List<WriteResult> results = writer.write(addE3(3), WriteListener.none());

        assertThat(results).filteredOn(WriteResult::applied).hasSize(2);
        assertThat(results.get(2).failure()).get().isInstanceOf(GraphFailure.NoSeats.class);
        assertThat(emulator.requestLog().entries(ASSIGN)).hasSize(3);
    }

    @Test
    void thePaceKeepsWithinTheServersWriteBudgetSoNothingIsThrottled() throws InterruptedException {
        WriteBudget budget = WriteBudget.of(30, Duration.ofSeconds(15));
        GraphLicenseWriter writer = start(100, 200,
                EmulatorOptions.defaults().withWriteBudget(new EmulatorOptions.WriteBudget(30, Duration.ofSeconds(15))), budget);
        List<Duration> waits = new ArrayList<>();

        List<WriteResult> results = writer.write(addE3(100), new WriteListener() {
            @Override
            public void waiting(Duration duration, String reason) {
                waits.add(duration);
            }
        });

        assertThat(results).allMatch(WriteResult::applied);
        assertThat(emulator.requestLog().entries(entry -> entry.status() == 429)).isEmpty();
        assertThat(waits).isNotEmpty();
        // 100 writes at 30 per 15 s: the first 30 at once, the other 70 at 2 per second.
        assertThat(writer.stats().paceWait()).isGreaterThanOrEqualTo(Duration.ofSeconds(35));
    }

    @Test
    void aBudgetSpentByOthersCostsOneThrottledBatchThenThePaceHolds() throws InterruptedException {
        EmulatorOptions.WriteBudget serverBudget = new EmulatorOptions.WriteBudget(30, Duration.ofSeconds(15));
        WriteBudget budget = WriteBudget.of(30, Duration.ofSeconds(15));
        GraphLicenseWriter earlier = start(70, 200, EmulatorOptions.defaults().withWriteBudget(serverBudget), budget);
        // Another process spends the whole budget just before this writer starts (believing it full).
        earlier.write(addE3(28), WriteListener.none());
        GraphLicenseWriter writer = new GraphLicenseWriter(GraphClientFactory.forWrites(URI.create(emulator.baseUrl())),
                new WritePace(budget, time, time), RetryPolicy.defaults(), time, time);
        List<WriteOperation> rest = addE3(70).subList(28, 70);

        List<WriteResult> results = writer.write(rest, WriteListener.none());

        assertThat(results).hasSize(42).allMatch(WriteResult::applied);
        List<RequestLog.Entry> throttled = emulator.requestLog().entries(entry -> entry.status() == 429);
        assertThat(throttled).isNotEmpty().hasSizeLessThanOrEqualTo(20);
        // All in one batch: the pace empties its bucket on the first 429 and waits it out.
        assertThat(throttled.get(throttled.size() - 1).sequence() - throttled.get(0).sequence()).isLessThan(20);
        assertThat(effects()).hasSize(70).allSatisfy((user, count) -> assertThat(count).isEqualTo(1));
    }

    @Test
    void readsUsersBack() throws InterruptedException {
        GraphLicenseWriter writer = start(2, 10, EmulatorOptions.defaults(), WriteBudget.GRAPH);
        writer.write(addE3(1), WriteListener.none());

        Map<UserId, Optional<UserLicenses>> users = writer.readBack(List.of(userId(name(1)), userId(name(2)), new UserId("nobody")));

        assertThat(users.get(userId(name(1))).orElseThrow().direct(skuId("E3"))).isPresent();
        assertThat(users.get(userId(name(2))).orElseThrow().direct(skuId("E3"))).isEmpty();
        assertThat(users.get(new UserId("nobody"))).isEmpty();
        assertThat(users.get(userId(name(1))).orElseThrow().usageLocation()).isEqualTo("US");
    }
}
