package io.seatwarden.cli;

import io.seatwarden.testing.StandardStreams;
import io.seatwarden.directory.file.DemoTenant;
import io.seatwarden.directory.file.TenantFile;
import io.seatwarden.directory.file.TenantFiles;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.GraphEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code plan --graph-url} and {@code snapshot} against the in-process emulator serving the demo
 * tenant: the same plan from Graph, from a snapshot file and from the demo; a failed read writes nothing.
 */
class GraphCommandsTest {
    @RegisterExtension
    final StandardStreams streams = new StandardStreams();
    private final ByteArrayOutputStream out = streams.out;
    private final ByteArrayOutputStream err = streams.err;
    private GraphEmulator emulator;

    @TempDir
    Path directory;

    @BeforeEach
    void start() {
        emulator = GraphEmulator.start(DemoTenant.file(new TenantFiles()), EmulatorOptions.defaults());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private static Path repositoryPolicies() {
        return Path.of(System.getProperty("seatwarden.repoRoot", "..")).resolve("policies");
    }

    private String run(int expectedCode, String... args) {
        out.reset();
        err.reset();
        int code = Main.run(args);
        assertThat(code).as("exit code of %s; stderr: %s", String.join(" ", args), err.toString(StandardCharsets.UTF_8)).isEqualTo(expectedCode);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void planFromGraphIsThePlanFromTheTenantFileAndFromTheDemo() {
        String policies = repositoryPolicies().toString();
        Path tenant = directory.resolve("demo.json");
        writeDemo(tenant);

        String fromGraph = run(2, "plan", "--graph-url", emulator.baseUrl(), "--policies", policies, "--format", "json");
        String fromFile = run(2, "plan", "--tenant", tenant.toString(), "--policies", policies, "--format", "json");
        String fromDemo = run(2, "plan", "--demo", "--format", "json");

        assertThat(fromGraph).contains("\"changes\"").isEqualTo(fromFile);
        // The demo's policies are the jar's copy of the same files: the same content hash, but no git work tree around them.
        assertThat(fromGraph.replaceFirst("\"gitCommit\": \"[0-9a-f]{40}\",\\s*", "")).isEqualTo(fromDemo);
        // Twice: once to ask the tenant its id (a wet run's lease is taken on it before the read), once in the read.
        assertThat(emulator.requestLog().count("GET /subscribedSkus")).isEqualTo(2);
    }

    @Test
    void aSnapshotReplaysToTheSamePlan() {
        String policies = repositoryPolicies().toString();
        Path snapshot = directory.resolve("snapshot.yaml");

        run(0, "snapshot", "--graph-url", emulator.baseUrl(), "--out", snapshot.toString(), "--policies", policies);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("wrote " + snapshot);
        String fromSnapshot = run(2, "plan", "--tenant", snapshot.toString(), "--policies", policies, "--format", "json");
        String fromGraph = run(2, "plan", "--graph-url", emulator.baseUrl(), "--policies", policies, "--format", "json");

        assertThat(fromSnapshot).isEqualTo(fromGraph);
    }

    @Test
    void aWholeTenantSnapshotHoldsEveryUserAndGroup() {
        Path snapshot = directory.resolve("all.json");
        run(0, "snapshot", "--graph-url", emulator.baseUrl(), "--out", snapshot.toString(), "--all");

        TenantFile written = new TenantFiles().readFile(snapshot);
        TenantFile demo = DemoTenant.file(new TenantFiles());
        assertThat(written.users()).hasSameSizeAs(demo.users());
        assertThat(written.groups()).hasSameSizeAs(demo.groups());
        assertThat(written.tenantId()).isEqualTo(emulator.state().tenantId().value());
    }

    @Test
    void aFailedReadWritesNothingAndExitsOne() {
        String url = emulator.baseUrl();
        emulator.close();
        Path snapshot = directory.resolve("never.json");

        run(1, "snapshot", "--graph-url", url, "--out", snapshot.toString(), "--all");

        assertThat(snapshot).doesNotExist();
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: reading subscribedSkus from Graph failed");
        assertThat(directory.toFile().list()).isEmpty();
    }

    @Test
    void plainHttpBeyondLoopbackIsRefused() {
        run(1, "plan", "--graph-url", "http://graph.example.test/v1.0", "--policies", repositoryPolicies().toString());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: --graph-url http://graph.example.test/v1.0", "must use https");
    }

    private static void writeDemo(Path tenant) {
        try (var stream = Files.newOutputStream(tenant)) {
            new TenantFiles().write(DemoTenant.file(new TenantFiles()), stream, false);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
