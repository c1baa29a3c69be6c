package io.seatwarden.cli;

import io.seatwarden.directory.file.TenantFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class EmulatorCommandTest {
    @TempDir
    Path directory;

    @Test
    void printsItsUrlServesAndSavesWhenStopped() throws Exception {
        Path tenant = directory.resolve("tenant.json");
        try (var in = getClass().getResourceAsStream("/tenants/emulator-small.json")) {
            Files.copy(in, tenant);
        }
        Path saved = directory.resolve("saved.json");
        EmulatorCommand command = new EmulatorCommand(new TenantFiles(), Clock.systemUTC());
        new CommandLine(command).parseArgs("--tenant", tenant.toString(), "--port", "0", "--page-size", "2", "--save", saved.toString());
        PipedInputStream pipe = new PipedInputStream();
        command.embedded(new PrintStream(new PipedOutputStream(pipe), true, StandardCharsets.UTF_8));
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> exit = thread.submit(command::call);
            String url = new BufferedReader(new InputStreamReader(pipe, StandardCharsets.UTF_8)).readLine();
            assertThat(url).matches("http://127\\.0\\.0\\.1:[0-9]+/v1\\.0");
            HttpResponse<String> users = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/users")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(users.statusCode()).isEqualTo(200);
            assertThat(users.body()).contains("@odata.nextLink"); // --page-size 2 over 7 users
            command.stop();
            assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
            assertThat(new TenantFiles().readFile(saved).tenantId()).isEqualTo("5e7a1000-0000-4000-8000-00000000c0de");
        } finally {
            thread.shutdownNow();
        }
    }

    @Test
    void signInActivityCanBeRefusedAsGraphRefusesItWithoutThePermission() throws Exception {
        Path tenant = directory.resolve("tenant.json");
        try (var in = getClass().getResourceAsStream("/tenants/emulator-small.json")) {
            Files.copy(in, tenant);
        }
        EmulatorCommand command = new EmulatorCommand(new TenantFiles(), Clock.systemUTC());
        new CommandLine(command).parseArgs("--tenant", tenant.toString(), "--port", "0", "--sign-in-activity", "permission-missing");
        PipedInputStream pipe = new PipedInputStream();
        command.embedded(new PrintStream(new PipedOutputStream(pipe), true, StandardCharsets.UTF_8));
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> exit = thread.submit(command::call);
            String url = new BufferedReader(new InputStreamReader(pipe, StandardCharsets.UTF_8)).readLine();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(url + "/users?$select=id,signInActivity")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> plain = http.send(HttpRequest.newBuilder(URI.create(url + "/users?$select=id")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("Authentication_MSGraphPermissionMissing", "AuditLog.Read.All");
            assertThat(plain.statusCode()).isEqualTo(200);
            command.stop();
            assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        } finally {
            thread.shutdownNow();
        }
        assertThat(Main.run("emulator", "--tenant", tenant.toString(), "--sign-in-activity", "maybe")).isEqualTo(1);
    }

    @Test
    void anInconsistentTenantFileIsReportedWithItsName() throws Exception {
        Path inconsistent = directory.resolve("inconsistent.json");
        Files.writeString(inconsistent, "{\"users\": [{\"id\": \"u1\", \"userPrincipalName\": \"a@b\"}],"
                + " \"groups\": [{\"id\": \"g1\", \"displayName\": \"G\", \"members\": [\"nobody\"]}]}");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run("emulator", "--tenant", inconsistent.toString())).isEqualTo(1);
        } finally {
            System.setErr(original);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("inconsistent.json").contains("nobody");
    }

    @Test
    void aBrokenTenantFileOrBadOptionExitsOneWithoutServing() throws Exception {
        Path broken = directory.resolve("broken.json");
        Files.writeString(broken, "{\"users\": [{\"id\": \"u1\"}]}");
        assertThat(Main.run("emulator", "--tenant", broken.toString())).isEqualTo(1);
        Path tenant = directory.resolve("tenant.json");
        try (var in = getClass().getResourceAsStream("/tenants/emulator-small.json")) {
            Files.copy(in, tenant);
        }
        assertThat(Main.run("emulator", "--tenant", tenant.toString(), "--fail-rate", "1.5")).isEqualTo(1);
        assertThat(Main.run("emulator", "--tenant", tenant.toString(), "--write-budget", "lots")).isEqualTo(1);
    }

    @Test
    void aBusyPortIsOneLineNamingItAndExitOne() throws Exception {
        Path tenant = directory.resolve("tenant.json");
        try (var in = getClass().getResourceAsStream("/tenants/emulator-small.json")) {
            Files.copy(in, tenant);
        }
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        PrintStream original = System.err;
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(Main.run("emulator", "--tenant", tenant.toString(), "--port", String.valueOf(busy.getLocalPort())))
                    .isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("error: cannot listen on 127.0.0.1:" + busy.getLocalPort()
                    + ": the port is in use (another emulator?); choose another with --port N, or --port 0 for any free port"
                    + System.lineSeparator());
        } finally {
            System.setErr(original);
        }
    }
}
