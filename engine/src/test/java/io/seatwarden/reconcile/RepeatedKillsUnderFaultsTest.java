package io.seatwarden.reconcile;

import io.seatwarden.testing.Await;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seatwarden.cli.Main;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.User;
import io.seatwarden.directory.UserId;
import io.seatwarden.directory.file.TenantFileMapper;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.FaultPlan;
import io.seatwarden.emulator.FaultPlan.Fault;
import io.seatwarden.emulator.GraphEmulator;
import io.seatwarden.emulator.RequestLog;
import io.seatwarden.plan.Ownership;
import io.seatwarden.state.JournalEntry;
import io.seatwarden.state.RunId;
import io.seatwarden.state.RunKind;
import io.seatwarden.state.RunOutcome;
import io.seatwarden.state.RunRecord;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static io.seatwarden.testing.TestingTenant.skuId;
import static io.seatwarden.testing.TestingTenant.tenant;
import static io.seatwarden.testing.TestingTenant.userId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13 item 10: {@code apply} in its own JVM, killed with SIGKILL ({@code destroyForcibly}) three
 * times in the middle of its writes while the emulator answers storms of 503 (before the write), 504
 * (after the write) and 429 (Retry-After), on top of a 503 for every tenth write and a 504 after the
 * write for another tenth, and then run to the end. It
 * converges: every user's change takes effect exactly once (the emulator's request log), no license
 * that should stay is ever sent for removal, the tenant and the ownership records end as the policies
 * say, the killed runs are recorded as abandoned, and a plan afterwards has nothing to do. Real
 * processes and real time: what is tested is a JVM dying with requests in flight.
 *
 * <p>The tenant (170 users to change): s001–s150 in Sales get E3; s001–s030 also hold an E5 the
 * engine assigned (removed in the same call), s031–s050 an E5 assigned by hand (stays); s151–s160
 * already hold E3 (no change); o001–o020, outside Sales, hold an E5 the engine assigned (removed);
 * o021–o030, outside Sales, hold E3 by hand (stays: no {@code prune}).
 */
class RepeatedKillsUnderFaultsTest {
    private static final String ASSIGN = "POST /users/{id}/assignLicense";
    private static final String ASSIGN_TEMPLATE = "/users/{id}/assignLicense";
    private static final int KILLS = 3;
    private static final int CHANGES = 170;
    private static final Duration ROUND_TIMEOUT = Duration.ofSeconds(300);

    @TempDir
    Path directory;
    private GraphEmulator emulator;
    private Process child;
    private int round;

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
    void applyKilledThreeTimesDuringFaultStormsConvergesWithEveryChangeExactlyOnce() throws Exception {
        emulator = GraphEmulator.start(TenantFileMapper.toFile(tenant().build()),
                EmulatorOptions.defaults().withLatency(Duration.ofMillis(20)));
        // On top of the storms, for the whole test: every tenth write fails with 503 before it takes effect, and
        // another tenth with 504 after it did (writes only: the SDK's read retries wait 3 s in real time).
        emulator.faults().on(request -> isWrite(request) && request.sequence() % 10 == 3, Integer.MAX_VALUE, Fault.unavailable());
        emulator.faults().on(request -> isWrite(request) && request.sequence() % 10 == 7, Integer.MAX_VALUE, Fault.timeoutAfterWrite());
        TenantId tenantId = emulator.state().snapshot().tenantId();
        Path policies = Files.createDirectories(directory.resolve("policies"));
        Files.writeString(policies.resolve("sales.yaml"), "policies:\n  - name: sales\n    group: Sales\n    licenses:\n      - sku: E3\n");
        String stateUrl = "jdbc:h2:file:" + directory.resolve("state");
        Set<Ownership.Key> engineE5 = new TreeSet<>(Comparator.comparing(Object::toString));
        try (StateStore state = openState(stateUrl)) {
            for (String name : join(names("s", 1, 30), names("o", 1, 20))) {
                engineE5.add(new Ownership.Key(userId(name), skuId("E5")));
            }
            state.assignments().recordAssigned(tenantId, RunId.of("seed"), List.copyOf(engineE5));
        }
        String[] args = {"apply", "--graph-url", emulator.baseUrl(), "--policies", policies.toString(), "--state-url", stateUrl,
            "--yes", "--max-removals", "100", "--write-budget", "60/2s"};

        List<Integer> effectsAtKill = new ArrayList<>();
        for (int kill = 1; kill <= KILLS; kill++) {
            storm();
            child = startApply(args);
            int target = kill * CHANGES / (KILLS + 1);
            awaitEffects(target);
            child.destroyForcibly().waitFor();
            effectsAtKill.add(totalEffects());
        }
        storm();
        child = startApply(args);
        assertThat(child.waitFor(ROUND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the last apply ends; %s", log()).isTrue();
        assertThat(child.exitValue()).as("the last apply's exit code; %s", log()).isZero();

        // The kills landed mid-run, and the storms and random failures did fire.
        assertThat(effectsAtKill).allSatisfy(effects -> assertThat(effects).isLessThan(CHANGES)).isSorted();
        assertThat(count(entry -> entry.status() == 503)).isGreaterThanOrEqualTo(KILLS * 5);
        assertThat(count(entry -> entry.status() == 504)).isGreaterThanOrEqualTo(KILLS * 5);
        assertThat(count(entry -> entry.status() == 429)).isGreaterThanOrEqualTo(KILLS * 5);

        // Every change took effect exactly once.
        assertThat(effects()).hasSize(CHANGES).allSatisfy((path, times) -> assertThat(times).as(path).isEqualTo(1));
        // No license that should stay was ever asked to go, whatever the answer was.
        Set<String> removalsSent = new TreeSet<>();
        for (RequestLog.Entry entry : emulator.requestLog().entries(ASSIGN)) {
            for (JsonNode removed : new ObjectMapper().readTree(entry.body()).path("removeLicenses")) {
                removalsSent.add(user(entry.path()) + " " + removed.asText());
            }
        }
        Set<String> expectedRemovals = new TreeSet<>();
        engineE5.forEach(key -> expectedRemovals.add(key.user().value() + " " + key.sku()));
        assertThat(removalsSent).isEqualTo(expectedRemovals);

        TenantSnapshot after = emulator.state().snapshot();
        for (String name : join(names("s", 1, 160), names("o", 21, 30))) {
            assertThat(held(after, userId(name), "E3")).as(name + " holds E3").isTrue();
        }
        for (String name : names("s", 31, 50)) {
            assertThat(held(after, userId(name), "E5")).as(name + " keeps the E5 assigned by hand").isTrue();
        }
        for (Ownership.Key key : engineE5) {
            assertThat(held(after, key.user(), "E5")).as(key.user().value() + " lost the engine's E5").isFalse();
        }

        try (StateStore state = openState(stateUrl)) {
            Set<String> owned = new TreeSet<>();
            state.assignments().load(tenantId).keys().forEach(key -> owned.add(key.user().value() + " " + key.sku()));
            Set<String> expectedOwned = new TreeSet<>();
            names("s", 1, 150).forEach(name -> expectedOwned.add(userId(name).value() + " " + skuId("E3")));
            List<RunRecord> runs = new ArrayList<>(state.runs().recent(Optional.of(tenantId), 20));
            runs.sort((a, b) -> a.startedAt().compareTo(b.startedAt()));
            assertThat(owned).as("the engine's ownership records; %s", story(state, runs, expectedOwned, owned)).isEqualTo(expectedOwned);
            assertThat(runs).hasSize(KILLS + 1).allSatisfy(run -> assertThat(run.kind()).isEqualTo(RunKind.APPLY));
            assertThat(runs.subList(0, KILLS)).allSatisfy(run -> assertThat(run.outcome()).isEqualTo(RunOutcome.ABANDONED));
            assertThat(runs.get(KILLS).outcome()).isEqualTo(RunOutcome.APPLIED);
        }

        // The figures RELIABILITY.md quotes, in this test's surefire output.
        System.out.printf("kills after %s writes that took effect; answers 503: %d, 504: %d, 429: %d; %d changes, each once;"
                        + " %d removals sent, all of licenses the engine assigned%n", effectsAtKill, count(entry -> entry.status() == 503),
                count(entry -> entry.status() == 504), count(entry -> entry.status() == 429), effects().size(), removalsSent.size());

        emulator.faults().clear();
        assertThat(Main.run("plan", "--graph-url", emulator.baseUrl(), "--policies", policies.toString(), "--state-url", stateUrl))
                .as("a plan after convergence has nothing to do").isZero();
    }

    private static TestingTenant tenant() {
        TestingTenant tenant = TestingTenant.tenant().sku("E3", 400).sku("E5", 200).group("Sales");
        for (String name : names("s", 1, 160)) {
            tenant.user(name).inGroup("Sales");
            int number = Integer.parseInt(name.substring(1));
            if (number <= 50) {
                tenant.holds("E5");
            } else if (number > 150) {
                tenant.holds("E3");
            }
        }
        for (String name : names("o", 1, 30)) {
            tenant.user(name).holds(Integer.parseInt(name.substring(1)) <= 20 ? "E5" : "E3");
        }
        return tenant;
    }

    private static boolean isWrite(FaultPlan.RequestInfo request) {
        return request.method().equals("POST") && request.endpoint().equals(ASSIGN_TEMPLATE);
    }

    /** Before each start: storms of six 503s, then six 504s after the write, then six 429s, on the next writes. */
    private void storm() {
        emulator.faults().onNext("POST", ASSIGN_TEMPLATE, 6, Fault.unavailable());
        emulator.faults().onNext("POST", ASSIGN_TEMPLATE, 6, Fault.timeoutAfterWrite());
        emulator.faults().onNext("POST", ASSIGN_TEMPLATE, 6, Fault.throttle(Duration.ofSeconds(1)));
    }

    private Process startApply(String[] args) throws IOException {
        round++;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(directory.resolve("apply-" + round + ".log").toFile()).start();
    }

    private void awaitEffects(int effects) throws Exception {
        Await.until(ROUND_TIMEOUT, Duration.ofMillis(10), () -> totalEffects() >= effects,
                () -> {
                    if (!child.isAlive()) {
                        throw new AssertionError("apply " + round + " ended before it was killed (exit " + child.exitValue() + "); " + log());
                    }
                    return null;
                },
                () -> "apply " + round + " did not reach " + effects + " writes in time; " + log());
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

    private int totalEffects() {
        return effects().values().stream().mapToInt(Integer::intValue).sum();
    }

    private int count(Predicate<RequestLog.Entry> filter) {
        return emulator.requestLog().entries(filter).size();
    }

    private static String user(String path) {
        return path.substring("/users/".length(), path.length() - "/assignLicense".length());
    }

    private static boolean held(TenantSnapshot tenant, UserId id, String sku) {
        User user = tenant.user(id).orElseThrow();
        return user.holds(skuId(sku));
    }

    /** {@code prefix} and a three-digit number, e.g. s001..s150. */
    private static List<String> names(String prefix, int from, int to) {
        List<String> names = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            names.add(String.format("%s%03d", prefix, i));
        }
        return names;
    }

    private static List<String> join(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** For a failure: what the journal of each run says about the users whose ownership record is missing or extra. */
    private String story(StateStore state, List<RunRecord> runs, Set<String> expected, Set<String> actual) {
        Set<String> users = new TreeSet<>();
        for (String key : expected) {
            if (!actual.contains(key)) {
                users.add(key.substring(0, key.indexOf(' ')));
            }
        }
        for (String key : actual) {
            if (!expected.contains(key)) {
                users.add(key.substring(0, key.indexOf(' ')));
            }
        }
        StringBuilder story = new StringBuilder("journal of the users concerned:");
        for (RunRecord run : runs) {
            story.append("\nrun ").append(run.id()).append(' ').append(run.outcome()).append(": ").append(run.message());
            for (JournalEntry entry : state.journal().entries(run.id())) {
                if (users.contains(entry.user().value())) {
                    story.append("\n  ").append(entry.user().value()).append(' ').append(entry.state()).append(' ')
                            .append(entry.settlement().map(Object::toString).orElse("-")).append(' ')
                            .append(entry.detail().orElse("")).append(" attempts=").append(entry.attempts());
                }
            }
        }
        for (String user : users) {
            story.append("\nrequests for ").append(user).append(':');
            for (RequestLog.Entry entry : emulator.requestLog().entries(entry -> entry.path().contains("/" + user + "/")
                    || entry.path().endsWith("/" + user))) {
                story.append("\n  #").append(entry.sequence()).append(' ').append(entry.endpoint()).append(' ').append(entry.status())
                        .append(' ').append(entry.time());
            }
        }
        return story.toString();
    }

    private String log() throws IOException {
        return "output of apply " + round + ":\n" + Files.readString(directory.resolve("apply-" + round + ".log"));
    }

    private static StateStore openState(String url) {
        return new StateStores(Clock.systemUTC()).open(new StateConfig(url, Optional.empty(), Optional.empty()));
    }
}
