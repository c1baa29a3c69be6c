package io.seatwarden.reconcile;

import io.seatwarden.testing.Await;
import io.seatwarden.cli.Main;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.file.TenantFileMapper;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.GraphEmulator;
import io.seatwarden.emulator.RequestLog;
import io.seatwarden.state.JournalEntry;
import io.seatwarden.state.JournalState;
import io.seatwarden.state.RunKind;
import io.seatwarden.state.RunOutcome;
import io.seatwarden.state.RunRecord;
import io.seatwarden.state.Settlement;
import io.seatwarden.state.StateConfig;
import io.seatwarden.state.StateStore;
import io.seatwarden.state.StateStores;
import io.seatwarden.testing.TestingTenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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

/**
 * The apply process killed mid-run (another JVM, {@code destroyForcibly}), then run again: it
 * converges, no user's change takes effect twice, and the journal tells the whole story. Real time:
 * what is tested is a real process dying while real requests are in flight.
 */
class CrashRecoveryTest {
    private static final int USERS = 120;
    private static final String ASSIGN = "POST /users/{id}/assignLicense";

    @TempDir
    Path directory;
    private GraphEmulator emulator;
    private Process child;

    @AfterEach
    void stop() {
        if (child != null) {
            child.destroyForcibly();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void anApplyKilledMidRunIsResumedWithoutApplyingAnythingTwice() throws Exception {
        TestingTenant tenant = tenant().sku("E3", 500).group("Sales");
        for (int i = 1; i <= USERS; i++) {
            tenant.user(String.format("u%03d", i)).inGroup("Sales");
        }
        emulator = GraphEmulator.start(TenantFileMapper.toFile(tenant.build()), EmulatorOptions.defaults().withLatency(Duration.ofMillis(100)));
        Path policies = Files.createDirectories(directory.resolve("policies"));
        Files.writeString(policies.resolve("sales.yaml"), "policies:\n  - name: sales\n    group: Sales\n    licenses:\n      - sku: E3\n");
        String stateUrl = "jdbc:h2:file:" + directory.resolve("state") + "";
        String[] args = {"apply", "--graph-url", emulator.baseUrl(), "--policies", policies.toString(), "--state-url", stateUrl, "--yes",
            "--write-budget", "60/2s"};

        // 120 writes at 60 per 2 s take about 4 s: kill the process once about a third went out.
        child = startApply(args);
        awaitWrites(40, Duration.ofSeconds(90));
        child.destroyForcibly().waitFor();
        int sentBeforeCrash = emulator.requestLog().entries(ASSIGN).size();
        assertThat(sentBeforeCrash).isLessThan(USERS);

        int code = Main.run(args);

        assertThat(code).isZero();
        Map<String, Integer> effects = effects();
        assertThat(effects).hasSize(USERS).allSatisfy((user, count) -> assertThat(count).as(user).isEqualTo(1));
        for (int i = 1; i <= USERS; i++) {
            assertThat(emulator.state().snapshot().user(userId(String.format("u%03d", i))).orElseThrow().holds(skuId("E3"))).isTrue();
        }
        try (StateStore state = new StateStores(Clock.systemUTC()).open(new StateConfig(stateUrl, Optional.empty(), Optional.empty()))) {
            TenantId tenantId = emulator.state().snapshot().tenantId();
            List<RunRecord> runs = new ArrayList<>(state.runs().recent(Optional.of(tenantId), 10));
            runs.sort((a, b) -> a.startedAt().compareTo(b.startedAt()));
            assertThat(runs).hasSize(2);
            assertThat(runs.get(0).kind()).isEqualTo(RunKind.APPLY);
            assertThat(runs.get(0).outcome()).isEqualTo(RunOutcome.ABANDONED);
            assertThat(runs.get(1).outcome()).isEqualTo(RunOutcome.APPLIED);
            List<JournalEntry> crashed = state.journal().entries(runs.get(0).id());
            List<JournalEntry> resumed = state.journal().entries(runs.get(1).id());
            // The story: every user of the crashed run is settled, and the second run did exactly what was left.
            assertThat(crashed).hasSize(USERS).allSatisfy(entry -> assertThat(entry.state().isFinal()).isTrue());
            long doneByCrashedRun = crashed.stream().filter(entry -> entry.state() == JournalState.SUCCEEDED).count();
            assertThat(crashed).filteredOn(entry -> entry.state() == JournalState.SUCCEEDED)
                    .allSatisfy(entry -> assertThat(entry.settlement()).isPresent());
            assertThat(crashed).filteredOn(entry -> entry.state() != JournalState.SUCCEEDED)
                    .allSatisfy(entry -> assertThat(entry.state()).isIn(JournalState.SUPERSEDED, JournalState.FAILED));
            assertThat(resumed).hasSize(USERS - (int) doneByCrashedRun)
                    .allSatisfy(entry -> assertThat(entry.state()).isEqualTo(JournalState.SUCCEEDED));
            assertThat(crashed).anySatisfy(entry -> assertThat(entry.settlement()).contains(Settlement.RESPONSE));
            assertThat(state.assignments().load(tenantId).keys()).hasSize(USERS);
        }
    }

    private Process startApply(String[] args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(directory.resolve("child.log").toFile()).start();
    }

    private void awaitWrites(int writes, Duration timeout) throws Exception {
        Await.until(timeout, Duration.ofMillis(20), () -> emulator.requestLog().entries(ASSIGN).size() >= writes,
                () -> {
                    if (!child.isAlive()) {
                        throw new AssertionError("the apply process ended early: " + Files.readString(directory.resolve("child.log")));
                    }
                    return null;
                },
                () -> "the apply process did not write in time: " + Files.readString(directory.resolve("child.log")));
    }

    /** Per user, how many assignLicense calls took effect (answered 200, or 504 after the write). */
    private Map<String, Integer> effects() {
        Map<String, Integer> effects = new TreeMap<>();
        for (RequestLog.Entry entry : emulator.requestLog().entries(ASSIGN)) {
            if (entry.status() == 200 || entry.status() == 504) {
                effects.merge(entry.path(), 1, Integer::sum);
            }
        }
        return effects;
    }
}
