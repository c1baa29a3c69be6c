package io.seatwarden.cli;

import io.seatwarden.testing.Await;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.file.TenantFileMapper;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.GraphEmulator;
import io.seatwarden.emulator.RequestLog;
import io.seatwarden.state.Lease;
import io.seatwarden.state.StateConfig;
import io.seatwarden.state.StateStore;
import io.seatwarden.state.StateStores;
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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static io.seatwarden.testing.TestingTenant.skuId;
import static io.seatwarden.testing.TestingTenant.tenant;
import static io.seatwarden.testing.TestingTenant.userId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Two {@code apply} processes (real JVMs) started together against one emulator and one shared
 * PostgreSQL state: lease, then read. While the test itself holds the tenant's lease, both only ask
 * the tenant its id and wait (saying so on stderr); once it lets go, one applies and the other,
 * reading the tenant only when it holds the lease, finds nothing left to do. Every change is made
 * exactly once.
 */
class ConcurrentApplyProcessesTest {
    private static final int USERS = 6;
    /** Far beyond what the test needs; it never waits on it, only on the processes' own output. */
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @RegisterExtension
    static final TestingPostgres POSTGRES = new TestingPostgres();

    @TempDir
    Path directory;

    private GraphEmulator emulator;
    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void stop() {
        children.forEach(Process::destroyForcibly);
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void twoAppliesStartedTogetherMakeEveryChangeExactlyOnce() throws Exception {
        TestingTenant tenant = tenant().sku("E3", 10).group("Sales");
        for (int i = 1; i <= USERS; i++) {
            tenant.user("user" + i).inGroup("Sales");
        }
        emulator = GraphEmulator.start(TenantFileMapper.toFile(tenant.build()), EmulatorOptions.defaults());
        TenantId tenantId = emulator.state().snapshot().tenantId();
        Path policies = Files.createDirectories(directory.resolve("policies"));
        Files.writeString(policies.resolve("policies.yaml"), "policies:\n  - name: sales\n    group: Sales\n    licenses:\n      - sku: E3\n");
        StateConfig state = new StateConfig(POSTGRES.createDatabase("two_applies"), Optional.of(POSTGRES.user()), Optional.empty());

        // The test holds the tenant's lease, as a run in progress would, while both processes start.
        Lease held;
        try (StateStore store = new StateStores(Clock.systemUTC()).open(state)) {
            held = store.locks().tryAcquire(tenantId, "the-test", Duration.ofMinutes(10)).orElseThrow();
        }
        Process first = apply(policies, state, 0);
        Process second = apply(policies, state, 1);
        awaitOnStderr(0, "waiting up to 120 s");
        awaitOnStderr(1, "waiting up to 120 s");
        // Both wait having asked the tenant only its id (subscriptions, or the organization when their ids do not carry it):
        // nothing a plan is made from was read before the lease.
        assertThat(emulator.requestLog().entries()).extracting(RequestLog.Entry::endpoint).containsOnly("GET /subscribedSkus", "GET /organization");
        try (StateStore store = new StateStores(Clock.systemUTC()).open(state)) {
            store.locks().release(held);
        }

        assertThat(first.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS) && second.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                .as("both applies finished").isTrue();
        assertThat(List.of(first.exitValue(), second.exitValue())).as(stderr(0) + stderr(1)).containsExactly(0, 0);
        List<String> outcomes = List.of(result(0).path("outcome").asText(), result(1).path("outcome").asText());
        assertThat(outcomes).containsExactlyInAnyOrder("APPLIED", "NOTHING_TO_DO");
        Map<String, Integer> writesPerUser = new TreeMap<>();
        for (RequestLog.Entry entry : emulator.requestLog().entries("POST /users/{id}/assignLicense")) {
            writesPerUser.merge(entry.path(), 1, Integer::sum);
        }
        assertThat(writesPerUser).hasSize(USERS).allSatisfy((user, writes) -> assertThat(writes).as(user).isEqualTo(1));
        for (int i = 1; i <= USERS; i++) {
            assertThat(emulator.state().snapshot().user(userId("user" + i)).orElseThrow().holds(skuId("E3"))).isTrue();
        }
        assertThat(emulator.state().snapshot().sku(skuId("E3")).orElseThrow().consumedUnits()).isEqualTo(USERS);
    }

    private Process apply(Path policies, StateConfig state, int index) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "apply", "--graph-url", emulator.baseUrl(), "--policies", policies.toString(), "--state-url", state.url(),
                "--yes", "--format", "json", "--lease-wait", "120")
                .redirectOutput(directory.resolve("apply-" + index + ".out").toFile())
                .redirectError(directory.resolve("apply-" + index + ".err").toFile());
        builder.environment().put(StateConfig.USER_VARIABLE, POSTGRES.user());
        Process process = builder.start();
        children.add(process);
        return process;
    }

    /** Waits, by polling the process's stderr, until it says {@code text}; fails with its stderr when it ends first. */
    private void awaitOnStderr(int index, String text) throws Exception {
        Await.until(PATIENCE, Duration.ofMillis(100), () -> stderr(index).contains(text),
                () -> {
                    if (!children.get(index).isAlive()) {
                        fail("apply " + index + " never said \"" + text + "\"; its stderr:\n" + stderr(index));
                    }
                    return null;
                },
                () -> "apply " + index + " never said \"" + text + "\"; its stderr:\n" + stderr(index));
    }

    private String stderr(int index) throws IOException {
        return Files.readString(directory.resolve("apply-" + index + ".err"), StandardCharsets.UTF_8);
    }

    private JsonNode result(int index) throws IOException {
        return new ObjectMapper().readTree(directory.resolve("apply-" + index + ".out").toFile());
    }
}
