package io.seatwarden.graph;

import io.seatwarden.testing.Await;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.seatwarden.cli.Main;
import io.seatwarden.directory.file.TenantFileMapper;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.GraphEmulator;
import io.seatwarden.emulator.RequestLog;
import io.seatwarden.testing.TestingListeners;
import io.seatwarden.testing.TestingTenant;
import io.seatwarden.testing.TestingTlsProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.seatwarden.testing.TestingTenant.tenant;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13 item 10: a canary client secret, and the canary access token a local Entra token endpoint
 * hands out for it, are found in no output of any command. Every command that can run against a
 * tenant runs in its own JVM with the production credential path: {@code validate}, {@code plan} (a
 * saved JSON plan and a Markdown report), {@code apply --plan}, {@code runs} (JSON and text),
 * {@code undo} (an HTML plan, then {@code --apply}), {@code snapshot}, and the scheduler ({@code run
 * --run-now}, stopped with SIGTERM after its run; it writes every report format). All with debug
 * logging (azure-core and MSAL at trace) into log files, and the Azure SDK's
 * {@code AZURE_HTTP_LOG_DETAIL_LEVEL=BODY_AND_HEADERS} and {@code AZURE_LOG_LEVEL=verbose}. Then
 * every file the commands wrote (stdout, stderr, logs, reports, the saved plan, the snapshot, run
 * directories, the H2 database's own files) and a dump of the state database ({@code SCRIPT}: every
 * table, every row) are searched for the canaries, whole, halved and Base64-encoded. And the
 * scheduler, a long-running process on the embedded state, listens on loopback only (Linux: from {@code /proc}).
 *
 * <p>Nothing is replaced in the engine: {@code DefaultAzureCredential} (for {@code plan} and
 * {@code snapshot}) and the scheduler's {@code {envPrefix: CANARY_}} credentials read the canary from
 * the environment; MSAL's requests to {@code https://login.microsoftonline.com} and the Graph SDK's to
 * {@code https://graph.canary.test} go over real TLS through a local HTTPS proxy ({@link TestingTlsProxy})
 * to a {@link TestingTokenEndpoint} and to the emulator. The test also checks that the canary was
 * used: tokens were issued for it and Graph received the canary token on its writes.
 */
class CanarySecretTest {
    private static final String GRAPH_HOST = "graph.canary.test";
    private static final String GRAPH_URL = "https://" + GRAPH_HOST + "/v1.0";
    private static final String LOGIN_HOST = "login.microsoftonline.com";
    private static final String AZURE_TENANT = "6c4f3a1e-2b1d-4d8e-9f00-0000000000c2";
    private static final String AZURE_CLIENT = "0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b";
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);

    private final String secret = "canary-secret-" + UUID.randomUUID();
    private final String token = "canary-token-" + UUID.randomUUID();
    private final TestingTokenEndpoint tokens = new TestingTokenEndpoint(token);

    @TempDir
    Path directory;
    private GraphEmulator emulator;
    private HttpServer tokenServer;
    private TestingTlsProxy proxy;
    private Process scheduler;
    private int commands;
    private String schedulerListeners;

    @AfterEach
    void stop() {
        if (scheduler != null) {
            scheduler.destroyForcibly();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (tokenServer != null) {
            tokenServer.stop(0);
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void noOutputOfAnyCommandHoldsTheSecretOrTheToken() throws Exception {
        TestingTenant tenant = tenant().sku("E3", 10).group("Sales");
        for (String name : List.of("ana", "ben", "cy")) {
            tenant.user(name).inGroup("Sales");
        }
        emulator = GraphEmulator.start(TenantFileMapper.toFile(tenant.build()), EmulatorOptions.defaults());
        startTokenServer();
        URI emulatorUrl = URI.create(emulator.baseUrl());
        proxy = TestingTlsProxy.start(directory, Map.of(
                GRAPH_HOST, new InetSocketAddress(InetAddress.getLoopbackAddress(), emulatorUrl.getPort()),
                LOGIN_HOST, tokenServer.getAddress()));
        Path work = Files.createDirectories(directory.resolve("work"));
        Path policies = Files.createDirectories(work.resolve("policies"));
        Files.writeString(policies.resolve("sales.yaml"), "policies:\n  - name: sales\n    group: Sales\n    licenses:\n      - sku: E3\n");
        String state = "jdbc:h2:file:" + work.resolve("state/seatwarden");
        Path savedPlan = work.resolve("saved-plan.json");

        assertThat(run(work, "validate", "--policies", policies.toString())).isZero();
        assertThat(run(work, "plan", "--graph-url", GRAPH_URL, "--policies", policies.toString(), "--state-url", state,
                "--format", "json", "--out", savedPlan.toString())).isEqualTo(2);
        assertThat(run(work, "plan", "--graph-url", GRAPH_URL, "--policies", policies.toString(), "--state-url", state,
                "--format", "markdown")).isEqualTo(2);
        assertThat(run(work, "apply", "--graph-url", GRAPH_URL, "--policies", policies.toString(), "--state-url", state,
                "--plan", savedPlan.toString(), "--yes", "--format", "json", "--out", work.resolve("apply.json").toString())).isZero();
        assertThat(run(work, "runs", "--state-url", state, "--format", "json")).isZero();
        String applyRun = lastStdout(work).path("runs").get(0).path("runId").asText();
        assertThat(run(work, "undo", applyRun, "--graph-url", GRAPH_URL, "--state-url", state,
                "--format", "html", "--out", work.resolve("undo.html").toString())).isEqualTo(2);
        assertThat(run(work, "undo", applyRun, "--graph-url", GRAPH_URL, "--state-url", state, "--apply", "--yes")).isZero();
        assertThat(run(work, "snapshot", "--graph-url", GRAPH_URL, "--policies", policies.toString(),
                "--out", work.resolve("snapshot.json").toString())).isZero();
        runScheduler(work, state);
        assertThat(run(work, "runs", "--state-url", state)).isZero();

        // The canaries were in play: a token was issued in every process that reached Graph, and Graph saw it on reads and writes.
        assertThat(tokens.requests()).filteredOn(request -> request.contains("/oauth2/v2.0/token")).hasSizeGreaterThanOrEqualTo(6);
        List<RequestLog.Entry> authorized = emulator.requestLog().entries(
                entry -> entry.header("Authorization").orElse("").equals("Bearer " + token));
        assertThat(authorized).anySatisfy(entry -> assertThat(entry.endpoint()).isEqualTo("POST /$batch"));
        assertThat(authorized).anySatisfy(entry -> assertThat(entry.endpoint()).startsWith("GET /groups"));
        assertThat(proxy.connects()).contains(LOGIN_HOST + ":443", GRAPH_HOST + ":443");
        String logs = readAll(work.resolve("logs"));
        assertThat(logs).as("the logs are talkative: the search ran over MSAL's and the engine's debug lines")
                .containsIgnoringCase("msal").contains("DEBUG");

        // The search: every file under the work directory, and the state database's every row.
        Map<String, String> outputs = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(work)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                outputs.put(work.relativize(file).toString(), new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        outputs.put("SCRIPT of the state database", dump(state));
        assertThat(outputs.keySet()).as("what was searched").contains("saved-plan.json", "apply.json", "undo.html", "snapshot.json")
                .anySatisfy(name -> assertThat(name).endsWith("plan.html"))
                .anySatisfy(name -> assertThat(name).endsWith("plan.md"))
                .anySatisfy(name -> assertThat(name).endsWith("plan.txt"))
                .anySatisfy(name -> assertThat(name).startsWith("state"));
        assertThat(outputs.get("SCRIPT of the state database")).contains(applyRun).contains("INSERT INTO");
        for (Map.Entry<String, String> output : outputs.entrySet()) {
            for (String canary : variants()) {
                assertThat(output.getValue()).as("%s holds a canary", output.getKey()).doesNotContain(canary);
            }
        }
        // The figures RELIABILITY.md quotes, in this test's surefire output.
        System.out.printf("canary search: %d commands, %d outputs (%d bytes, state dump %d lines), %d token requests,"
                        + " %d Graph requests with the canary token, scheduler listening on %s%n", commands, outputs.size(),
                outputs.values().stream().mapToLong(String::length).sum(), outputs.get("SCRIPT of the state database").lines().count(),
                tokens.requests().stream().filter(request -> request.contains("/oauth2/v2.0/token")).count(), authorized.size(),
                schedulerListeners);
    }

    private List<String> variants() {
        List<String> variants = new ArrayList<>();
        for (String canary : List.of(secret, token)) {
            variants.add(canary);
            int half = canary.length() / 2;
            variants.add(canary.substring(0, half));
            variants.add(canary.substring(half));
            variants.add(Base64.getEncoder().withoutPadding().encodeToString(canary.getBytes(StandardCharsets.UTF_8)));
        }
        return variants;
    }

    /** One command in its own JVM; its stdout, stderr and log go to files under {@code work}. Returns its exit code. */
    private int run(Path work, String... args) throws Exception {
        Process process = start(work, args);
        assertThat(process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("%s ends", args[0]).isTrue();
        return process.exitValue();
    }

    private Process start(Path work, String... args) throws IOException {
        commands++;
        String name = String.format("%02d-%s", commands, args[0]);
        Path outputs = Files.createDirectories(work.resolve("outputs"));
        Files.createDirectories(work.resolve("logs"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(proxy.childJvmOptions());
        command.addAll(List.of(
                "-Dorg.slf4j.simpleLogger.logFile=" + work.resolve("logs/" + name + ".log"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug",
                "-Dorg.slf4j.simpleLogger.log.com.azure=trace",
                "-Dorg.slf4j.simpleLogger.log.com.microsoft=trace",
                "-Dorg.slf4j.simpleLogger.log.okhttp3=trace",
                "-Dorg.slf4j.simpleLogger.log.io.seatwarden=debug"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(outputs.resolve(name + ".stdout").toFile())
                .redirectError(outputs.resolve(name + ".stderr").toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(variable -> variable.startsWith("AZURE_") || variable.startsWith("SEATWARDEN_")
                || variable.equalsIgnoreCase("https_proxy") || variable.equalsIgnoreCase("http_proxy")
                || variable.equalsIgnoreCase("no_proxy"));
        for (String prefix : List.of("", "CANARY_")) {
            environment.put(prefix + "AZURE_TENANT_ID", AZURE_TENANT);
            environment.put(prefix + "AZURE_CLIENT_ID", AZURE_CLIENT);
            environment.put(prefix + "AZURE_CLIENT_SECRET", secret);
        }
        environment.put("AZURE_HTTP_LOG_DETAIL_LEVEL", "BODY_AND_HEADERS");
        environment.put("AZURE_LOG_LEVEL", "verbose");
        environment.put("HTTPS_PROXY", proxy.url());
        environment.put("NO_PROXY", "127.0.0.1,localhost");
        return builder.start();
    }

    /** {@code run --run-now} with a tenants file naming {@code {envPrefix: CANARY_}}; stopped with SIGTERM once its run wrote its reports. */
    private void runScheduler(Path work, String state) throws Exception {
        Path tenants = work.resolve("tenants.yaml");
        Files.writeString(tenants, "tenants:\n  - id: canary\n    name: Canary Ltd\n    graphUrl: " + GRAPH_URL + "\n"
                + "    credentials: {envPrefix: CANARY_}\n    policies: policies\n    schedule: \"0 0 3 1 1 ?\"\n");
        Path runs = work.resolve("runs");
        scheduler = start(work, "run", "--tenants", tenants.toString(), "--state-url", state, "--job-store", "memory",
                "--runs-dir", runs.toString(), "--run-now", "--http-port", "0");
        Process running = scheduler;
        Await.until(COMMAND_TIMEOUT, Duration.ofMillis(50), () -> hasFile(runs, "apply.json"),
                () -> assertThat(running.isAlive()).as("the scheduler runs; %s", readAll(work.resolve("outputs"))).isTrue(),
                () -> "the scheduled run finishes in time");
        // Listeners: a long-running process with the default embedded state listens on loopback only, for
        // /metrics and /healthz (--http-port 0), and on nothing else (no H2 server). Linux only: read from /proc.
        Optional<List<InetSocketAddress>> listening = TestingListeners.of(scheduler.pid());
        listening.ifPresent(addresses -> assertThat(addresses).as("the scheduler's listening sockets").singleElement()
                .satisfies(address -> assertThat(address.getAddress().isLoopbackAddress()).as(address.toString()).isTrue()));
        schedulerListeners = listening.map(List::toString).orElse("not checked (no /proc)");
        scheduler.destroy();
        assertThat(scheduler.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the scheduler stops on SIGTERM").isTrue();
    }

    private static boolean hasFile(Path root, String name) throws IOException {
        if (!Files.isDirectory(root)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.anyMatch(file -> file.getFileName().toString().equals(name));
        }
    }

    private JsonNode lastStdout(Path work) throws IOException {
        return new ObjectMapper().readTree(work.resolve(String.format("outputs/%02d-runs.stdout", commands)).toFile());
    }

    private static String readAll(Path root) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                all.append("== ").append(root.relativize(file)).append('\n').append(Files.readString(file, StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }

    /** Every table and row of the state database, as H2's SCRIPT writes them. */
    private static String dump(String url) throws Exception {
        StringBuilder script = new StringBuilder();
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SCRIPT")) {
            while (rows.next()) {
                script.append(rows.getString(1)).append('\n');
            }
        }
        return script.toString();
    }

    /** The token endpoint over plain HTTP behind the proxy: each request is answered by {@link TestingTokenEndpoint}. */
    private void startTokenServer() throws IOException {
        tokenServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        tokenServer.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String host = exchange.getRequestHeaders().getFirst("Host");
            URL url = new URL("https://" + host + exchange.getRequestURI());
            HttpResponse response = tokens.send(new HttpRequest(HttpMethod.valueOf(exchange.getRequestMethod()), url)).block();
            byte[] body = response.getBodyAsByteArray().block();
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(response.getStatusCode(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        tokenServer.start();
    }
}
