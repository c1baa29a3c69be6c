package io.seatwarden.schedule;

import io.seatwarden.testing.Await;
import io.seatwarden.state.RunHistory;
import io.seatwarden.state.RunOutcome;
import io.seatwarden.state.RunRecord;
import io.seatwarden.state.StateConfig;
import io.seatwarden.state.StateStore;
import io.seatwarden.state.StateStores;
import io.seatwarden.directory.file.TenantFileMapper;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.GraphEmulator;
import io.seatwarden.emulator.RequestLog;
import io.seatwarden.testing.TestingPostgres;
import io.seatwarden.testing.TestingTenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two engine nodes, each its own JVM, on one Quartz cluster over a real PostgreSQL: runs of a
 * tenant never overlap, and a node killed mid-run has its run recovered by the other.
 */
class ClusterScheduleTest {
    @RegisterExtension
    static final TestingPostgres POSTGRES = new TestingPostgres();

    @TempDir
    Path directory;

    private final List<Process> nodes = new ArrayList<>();

    @AfterEach
    void killNodes() {
        nodes.forEach(Process::destroyForcibly);
    }

    @Test
    void twoNodesNeverRunTheSameTenantAtOnceAndEachFiringRunsOnce() throws Exception {
        String url = POSTGRES.createDatabase("overlap");
        // Runs of 0.75 s every second: each node is busy most of the time, so overlaps would show.
        List<Process> both = startNodes(url, List.of("node-a", "node-b"), 5, 150, "*/1 * * * * ?");
        Process nodeA = both.get(0);
        Process nodeB = both.get(1);
        try (StateStore state = open(url)) {
            RunHistory runLog = state.runs();
            Await.until(Duration.ofSeconds(40), "six finished runs of each tenant", () -> runLog.recent(Optional.empty(), 200),
                    runs -> finished(runs, "alpha") >= 6 && finished(runs, "beta") >= 6);
            assertThat(schedulerStates(state)).containsExactly("node-a", "node-b");

            stopGracefully(nodeA);
            stopGracefully(nodeB);

            List<RunRecord> runs = runLog.recent(Optional.empty(), 200);
            for (String tenant : List.of("alpha", "beta")) {
                List<RunRecord> ofTenant = runs.stream().filter(run -> run.tenantName().equals(tenant))
                        .sorted(Comparator.comparing(RunRecord::startedAt)).toList();
                // Graceful stops record every run: nothing is left running or abandoned.
                assertThat(ofTenant).allSatisfy(run -> assertThat(run.finishedAt()).isPresent());
                for (int i = 1; i < ofTenant.size(); i++) {
                    Instant previousEnd = ofTenant.get(i - 1).finishedAt().orElseThrow();
                    assertThat(ofTenant.get(i).startedAt()).as("run %s of %s starts after the previous one ended", i, tenant)
                            .isAfterOrEqualTo(previousEnd);
                }
                List<Instant> firings = ofTenant.stream().filter(run -> !recovering(run)).map(run -> run.scheduled().orElseThrow().scheduledAt()).toList();
                assertThat(new TreeSet<>(firings)).as("each firing of %s runs once", tenant).hasSameSizeAs(firings);
            }
            System.err.println("cluster runs by node: " + runs.stream().collect(Collectors.groupingBy(RunRecord::node, Collectors.counting())));
        }
    }

    @Test
    void aNodeKilledMidRunHasItsRunRecoveredByTheOther() throws Exception {
        String url = POSTGRES.createDatabase("recovery");
        List<Process> both = startNodes(url, List.of("node-a", "node-b"), 10, 100, "*/2 * * * * ?");
        Map<String, Process> byNode = Map.of("node-a", both.get(0), "node-b", both.get(1));
        try (StateStore state = open(url)) {
            RunHistory runLog = state.runs();
            RunRecord inFlight = Await.until(Duration.ofSeconds(30), "a run of alpha in flight",
                    () -> runLog.recentOfJob("alpha", 5).stream()
                            .filter(run -> run.outcome() == RunOutcome.RUNNING).findFirst(),
                    Optional::isPresent).orElseThrow();
            Process victim = byNode.get(inFlight.node());
            String survivor = inFlight.node().equals("node-a") ? "node-b" : "node-a";

            victim.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            Instant killedAt = Instant.now();

            RunRecord recovered = Await.until(Duration.ofSeconds(45), "alpha recovered on " + survivor,
                    () -> runLog.recentOfJob("alpha", 20).stream()
                            .filter(run -> recovering(run) && run.outcome() == RunOutcome.APPLIED).findFirst(),
                    Optional::isPresent).orElseThrow();
            assertThat(recovered.node()).isEqualTo(survivor);
            assertThat(recovered.counts().succeeded()).isEqualTo(10);
            RunRecord killed = runLog.recentOfJob("alpha", 50).stream()
                    .filter(run -> run.id().equals(inFlight.id())).findFirst().orElseThrow();
            assertThat(killed.outcome()).isEqualTo(RunOutcome.ABANDONED);
            assertThat(killed.message()).startsWith("its node stopped mid-run; superseded by run ");
            System.err.println("recovered " + Duration.between(killedAt, recovered.startedAt()).toMillis() + " ms after the kill");

            stopGracefully(byNode.get(survivor));
        }
    }

    @Test
    void aNodeStoppedMidRunHandsTheRestOfTheRunToTheOtherAtOnce() throws Exception {
        String url = POSTGRES.createDatabase("handover");
        // Nightly cron: every run here comes from --run-now or from the hand-over, never from the schedule.
        // node-b's JVM starts with node-a's, but it joins the cluster only once node-a is running alpha.
        // node-a's run (60 users, 12 s) outlasts node-b's joining the cluster even on a loaded machine.
        Process nodeB = launchNode(url, "node-b", testingReconciler(60, 200), "0 0 3 * * ?", "scheduled", "hold");
        Process nodeA = startNode(url, "node-a", 60, 200, "0 0 3 * * ?", true);
        awaitOutput(nodeB, "node-b", "waiting node-b");
        try (StateStore state = open(url)) {
            RunHistory runLog = state.runs();
            Await.until(Duration.ofSeconds(30), "node-a running alpha", () -> runLog.recentOfJob("alpha", 5),
                    runs -> runs.stream().anyMatch(run -> run.outcome() == RunOutcome.RUNNING && run.node().equals("node-a")));
            nodeB.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
            nodeB.getOutputStream().flush();
            awaitOutput(nodeB, "node-b", "ready node-b");

            stopGracefully(nodeA);

            List<RunRecord> runs = Await.until(Duration.ofSeconds(60), "alpha finished on node-b",
                    () -> runLog.recentOfJob("alpha", 10),
                    recent -> recent.stream().anyMatch(run -> run.node().equals("node-b") && run.outcome() == RunOutcome.APPLIED));
            RunRecord interrupted = runs.stream().filter(run -> run.node().equals("node-a")).findFirst().orElseThrow();
            RunRecord handedOver = runs.stream().filter(run -> run.node().equals("node-b")).findFirst().orElseThrow();
            assertThat(interrupted.outcome()).isEqualTo(RunOutcome.INTERRUPTED);
            assertThat(interrupted.counts().succeeded()).isBetween(1, 59);
            assertThat(Duration.between(interrupted.finishedAt().orElseThrow(), handedOver.startedAt())).isLessThan(Duration.ofSeconds(10));
            stopGracefully(nodeB);
        }
    }

    @Test
    void aNodeKilledMidApplyIsRecoveredAndTheTenantConvergesWithNothingAppliedTwice() throws Exception {
        String url = POSTGRES.createDatabase("convergence");
        TestingTenant fixture = TestingTenant.tenant().sku("E3", 200).group("Sales");
        for (int user = 0; user < 100; user++) {
            fixture = fixture.user(String.format("user%03d", user)).inGroup("Sales");
        }
        Path policies = Files.createDirectories(directory.resolve("engine-policies"));
        Files.writeString(policies.resolve("sales.yaml"), "policies:\n  - name: sales\n    group: Sales\n    licenses:\n      - sku: E3\n");
        // Latency on every request, and the writer's pace (20 writes a second), make the apply last several seconds.
        try (GraphEmulator graph = GraphEmulator.start(TenantFileMapper.toFile(fixture.build()),
                EmulatorOptions.defaults().withLatency(Duration.ofMillis(150)))) {
            String reconciler = "engine:" + graph.baseUrl();
            Process nodeA = launchNode(url, "node-a", policies, "*/3 * * * * ?", reconciler, "scheduled");
            Process nodeB = launchNode(url, "node-b", policies, "*/3 * * * * ?", reconciler, "scheduled");
            awaitOutput(nodeA, "node-a", "ready node-a");
            awaitOutput(nodeB, "node-b", "ready node-b");
            Map<String, Process> byNode = Map.of("node-a", nodeA, "node-b", nodeB);
            try (StateStore state = open(url)) {
                RunHistory runLog = state.runs();
                Await.until(Duration.ofSeconds(60), "the first licenses applied", () -> successfulAssignments(graph).size(),
                        applied -> applied >= 20);
                RunRecord inFlight = runLog.recentOfJob("alpha", 5).stream()
                        .filter(run -> run.outcome() == RunOutcome.RUNNING).findFirst().orElseThrow();
                int appliedBeforeKill = successfulAssignments(graph).size();
                byNode.get(inFlight.node()).destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                String survivor = inFlight.node().equals("node-a") ? "node-b" : "node-a";

                Await.until(Duration.ofSeconds(60), "every user licensed and a run finished on " + survivor,
                        () -> runLog.recentOfJob("alpha", 20),
                        runs -> successfulAssignments(graph).size() == 100
                                && runs.stream().anyMatch(run -> run.node().equals(survivor) && run.outcome() == RunOutcome.APPLIED));

                assertThat(appliedBeforeKill).as("killed mid-apply").isLessThan(100);
                // Nothing applied twice: every user got exactly one successful assignLicense, from either node.
                assertThat(successfulAssignments(graph).values()).containsOnly(1L);
                for (int user = 0; user < 100; user++) {
                    assertThat(graph.state().snapshot().user(TestingTenant.userId(String.format("user%03d", user))).orElseThrow()
                            .holds(TestingTenant.skuId("E3"))).isTrue();
                }
                assertThat(runLog.recentOfJob("alpha", 50)).filteredOn(run -> run.id().equals(inFlight.id()))
                        .singleElement().extracting(RunRecord::outcome).isEqualTo(RunOutcome.ABANDONED);
                System.err.println("killed after " + appliedBeforeKill + " of 100 licenses; runs: "
                        + runLog.recentOfJob("alpha", 50).stream()
                                .map(run -> run.node() + "/" + run.outcome() + (recovering(run) ? "/recovering" : "") + "/" + run.counts())
                                .toList());
                stopGracefully(byNode.get(survivor));
            }
        }
    }

    /** Successful assignLicense writes (single requests or batch steps) per user. */
    private static Map<String, Long> successfulAssignments(GraphEmulator graph) {
        return graph.requestLog().entries("POST /users/{id}/assignLicense").stream()
                .filter(entry -> entry.status() == 200)
                .collect(Collectors.groupingBy(RequestLog.Entry::path, Collectors.counting()));
    }

    /** Starts the nodes' JVMs together (their start-up dominates), then waits until each is scheduling. */
    private List<Process> startNodes(String url, List<String> names, int users, long perUserMillis, String cron) throws IOException {
        List<Process> started = new ArrayList<>();
        for (String node : names) {
            started.add(launchNode(url, node, testingReconciler(users, perUserMillis), cron, "scheduled"));
        }
        for (int index = 0; index < names.size(); index++) {
            awaitOutput(started.get(index), names.get(index), "ready " + names.get(index));
        }
        return started;
    }

    private Process startNode(String url, String node, int users, long perUserMillis, String cron, boolean runNow) throws IOException {
        Process process = launchNode(url, node, testingReconciler(users, perUserMillis), cron, runNow ? "run-now" : "scheduled");
        awaitOutput(process, node, "ready " + node);
        return process;
    }

    private static String testingReconciler(int users, long perUserMillis) {
        return "testing:" + users + ":" + perUserMillis;
    }

    private Process launchNode(String url, String node, String reconciler, String cron, String... modes) throws IOException {
        Path policies = Files.createDirectories(directory.resolve("policies"));
        Files.writeString(policies.resolve("settings.yaml"), "settings:\n  maxRemovals: 5\n");
        return launchNode(url, node, policies, cron, reconciler, modes);
    }

    private Process launchNode(String url, String node, Path policies, String cron, String reconciler, String... modes) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ClusterNodeMain.class.getName(), url, node, directory.resolve("runs").toString(), policies.toString(),
                cron, reconciler));
        command.addAll(List.of(modes));
        Process process = new ProcessBuilder(command)
                .redirectOutput(directory.resolve(node + ".out").toFile())
                .redirectError(directory.resolve(node + ".log").toFile())
                .start();
        nodes.add(process);
        return process;
    }

    private void awaitOutput(Process process, String node, String line) {
        Path stdout = directory.resolve(node + ".out");
        Await.until(Duration.ofSeconds(30), line, () -> read(stdout) + (process.isAlive() ? "" : " (exited: " + read(directory.resolve(node + ".log")) + ")"),
                text -> text.contains(line) || !process.isAlive());
        assertThat(process.isAlive()).as(node + " started").isTrue();
    }

    private static void stopGracefully(Process process) throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("node stops within 30 s of SIGTERM").isTrue();
    }

    private static long finished(List<RunRecord> runs, String tenant) {
        return runs.stream().filter(run -> run.tenantName().equals(tenant) && run.outcome() == RunOutcome.APPLIED).count();
    }

    private static List<String> schedulerStates(StateStore state) throws Exception {
        List<String> nodes = new ArrayList<>();
        try (Connection connection = state.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT instance_name FROM qrtz_scheduler_state ORDER BY instance_name")) {
            while (rows.next()) {
                nodes.add(rows.getString(1));
            }
        }
        return nodes;
    }

    private static StateStore open(String url) {
        return new StateStores(Clock.systemUTC()).open(new StateConfig(url, Optional.of(TestingPostgres.USER), Optional.empty()));
    }

    private static boolean recovering(RunRecord run) {
        return run.scheduled().orElseThrow().recovering();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
