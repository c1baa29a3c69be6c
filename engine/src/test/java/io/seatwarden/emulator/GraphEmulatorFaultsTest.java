package io.seatwarden.emulator;

import com.microsoft.graph.models.AssignedLicense;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.assignlicense.AssignLicensePostRequestBody;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.file.TenantFile;
import io.seatwarden.directory.file.TenantFiles;
import io.seatwarden.testing.TestingClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Throttling budgets and headers, scripted faults, --fail-rate determinism, --save. */
class GraphEmulatorFaultsTest {
    private static final UUID E3 = UUID.fromString("6fd2c87f-b296-42f0-b197-1e91e994b900");
    private static final UUID E5 = UUID.fromString("06ebc4ee-1bb5-47dd-8120-11324bc54e06");

    private final TestingClock clock = new TestingClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<GraphEmulator> emulators = new ArrayList<>();

    @TempDir
    Path directory;

    @AfterEach
    void stop() {
        emulators.forEach(GraphEmulator::close);
    }

    private GraphEmulator start(EmulatorOptions options) {
        GraphEmulator emulator = GraphEmulator.start(TestingGraphClients.tenant("emulator-small.json"), options.withClock(clock));
        emulators.add(emulator);
        return emulator;
    }

    @Test
    void readsAreChargedTheirDocumentedResourceUnits() {
        GraphEmulator emulator = start(EmulatorOptions.defaults());
        GraphServiceClient graph = TestingGraphClients.withoutRetries(emulator.baseUrl());
        graph.users().get();
        graph.users().get(request -> request.queryParameters.select = new String[]{"id"});
        graph.subscribedSkus().get();
        graph.groups().byGroupId("b0000000-0000-4000-8000-000000000001").transitiveMembers().get(request -> {
            request.queryParameters.select = new String[]{"id"};
            request.queryParameters.top = 5;
        });
        assertThat(emulator.requestLog().entries()).extracting(entry -> entry.responseHeader("x-ms-resource-unit").orElseThrow())
                .containsExactly("2", "1", "3", "3");
    }

    @Test
    void pastTheReadBudgetRequestsGet429UntilItRefills() {
        GraphEmulator emulator = start(EmulatorOptions.defaults().withThrottle(5));
        GraphServiceClient graph = TestingGraphClients.withoutRetries(emulator.baseUrl());
        graph.users().get();
        graph.users().get(); // 4 of 5 units used
        assertThatThrownBy(graph.users()::get).isInstanceOfSatisfying(ODataError.class, error -> {
            assertThat(error.getResponseStatusCode()).isEqualTo(429);
            assertThat(error.getError().getCode()).isEqualTo("TooManyRequests");
            assertThat(error.getResponseHeaders().get("Retry-After")).containsExactly("2"); // 1 unit short at 0.5 units/s
            assertThat(error.getResponseHeaders().get("x-ms-throttle-scope")).singleElement().asString()
                    .startsWith("Tenant_Application/Read/").endsWith("/5e7a1000-0000-4000-8000-00000000c0de");
            assertThat(error.getResponseHeaders().get("x-ms-throttle-information")).containsExactly("ResourceUnitLimitExceeded");
        });
        clock.advance(Duration.ofSeconds(2));
        assertThat(graph.users().get().getValue()).isNotEmpty();
    }

    @Test
    void theWriteBudgetThrottlesWritesWhileReadsPass() {
        GraphEmulator emulator = start(EmulatorOptions.defaults().withWriteBudget(EmulatorOptions.WriteBudget.parse("2/10")));
        GraphServiceClient graph = TestingGraphClients.withoutRetries(emulator.baseUrl());
        assign(graph, "bob@contoso.test", E3);
        assign(graph, "carol@contoso.test", E3);
        assertThatThrownBy(() -> assign(graph, "erin@contoso.test", E5)).isInstanceOfSatisfying(ODataError.class, error -> {
            assertThat(error.getResponseStatusCode()).isEqualTo(429);
            assertThat(error.getResponseHeaders().get("Retry-After")).containsExactly("5");
            assertThat(error.getResponseHeaders().get("x-ms-throttle-information")).containsExactly("WriteLimitExceeded");
            assertThat(error.getResponseHeaders().get("x-ms-throttle-scope")).singleElement().asString().startsWith("Tenant_Application/Write/");
        });
        assertThat(graph.users().get().getValue()).isNotEmpty();
        clock.advance(Duration.ofSeconds(5));
        assign(graph, "erin@contoso.test", E5);
        assertThat(emulator.state().consumedUnits(SkuId.of(E5.toString()))).isEqualTo(8);
    }

    @Test
    void theSdkRetryHandlerWaitsForRetryAfter() {
        GraphEmulator emulator = start(EmulatorOptions.defaults());
        emulator.faults().onNext("GET", "/users", FaultPlan.Fault.throttle(Duration.ofSeconds(1)));
        GraphServiceClient graph = TestingGraphClients.withRetries(emulator.baseUrl());
        assertThat(graph.users().get().getValue()).hasSize(7);
        List<RequestLog.Entry> attempts = emulator.requestLog().entries("GET /users");
        assertThat(attempts).extracting(RequestLog.Entry::status).containsExactly(429, 200);
        assertThat(attempts.get(1).header("Retry-Attempt")).contains("1");
    }

    @Test
    void scriptedFaultsHitTheRequestsTheyName() throws Exception {
        GraphEmulator emulator = start(EmulatorOptions.defaults());
        emulator.faults().onRequest(2, FaultPlan.Fault.unavailable())
                .onNext("POST", "/users/{id}/assignLicense", FaultPlan.Fault.timeoutAfterWrite())
                // twice: the JDK client retries a GET once when the connection drops
                .onNext("GET", "/groups", 2, FaultPlan.Fault.connectionReset());
        GraphServiceClient graph = TestingGraphClients.withoutRetries(emulator.baseUrl());
        graph.users().get();
        assertThatThrownBy(graph.users()::get).isInstanceOfSatisfying(ODataError.class,
                error -> assertThat(error.getResponseStatusCode()).isEqualTo(503));
        assertThatThrownBy(() -> assign(graph, "bob@contoso.test", E3)).isInstanceOfSatisfying(ODataError.class,
                error -> assertThat(error.getResponseStatusCode()).isEqualTo(504));
        assertThat(emulator.state().consumedUnits(SkuId.of(E3.toString()))).isEqualTo(4); // the write took effect
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest groups = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/groups")).build();
        assertThatThrownBy(() -> http.send(groups, HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        assertThat(http.send(groups, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(emulator.requestLog().entries("GET /groups")).extracting(RequestLog.Entry::status).containsExactly(0, 0, 200);
    }

    @Test
    void theFailRateIsReproducibleForASeed() throws Exception {
        List<Integer> first = statuses(start(EmulatorOptions.defaults().withFailRate(0.5, 42)));
        List<Integer> second = statuses(start(EmulatorOptions.defaults().withFailRate(0.5, 42)));
        List<Integer> other = statuses(start(EmulatorOptions.defaults().withFailRate(0.5, 7)));
        assertThat(first).isEqualTo(second).contains(200, 503, 504).isNotEqualTo(other);
    }

    private static List<Integer> statuses(GraphEmulator emulator) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            statuses.add(http.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/users?$top=1")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        }
        return statuses;
    }

    @Test
    void saveWritesTheTenantBackKeepingItsIdAndSeatsHeldOutside() {
        Path saved = directory.resolve("saved.yaml");
        GraphEmulator emulator = start(EmulatorOptions.defaults().withSave(saved));
        GraphServiceClient graph = TestingGraphClients.withoutRetries(emulator.baseUrl());
        assign(graph, "carol@contoso.test", E5);
        TenantSnapshot before = emulator.state().snapshot();
        emulator.close();

        TenantFile file = new TenantFiles().readFile(saved);
        assertThat(file.tenantId()).isEqualTo("5e7a1000-0000-4000-8000-00000000c0de");
        TenantSnapshot after = new TenantFiles().read(saved);
        assertThat(after.users()).isEqualTo(before.users());
        assertThat(after.groups()).isEqualTo(before.groups());
        assertThat(after.subscribedSkus()).isEqualTo(before.subscribedSkus());

        GraphEmulator replay = GraphEmulator.start(file, EmulatorOptions.defaults());
        emulators.add(replay);
        assertThat(replay.state().consumedUnits(SkuId.of(E5.toString()))).isEqualTo(8);
        assertThat(replay.state().snapshot().users()).isEqualTo(before.users());
    }

    private static void assign(GraphServiceClient graph, String user, UUID sku) {
        AssignedLicense license = new AssignedLicense();
        license.setSkuId(sku);
        license.setDisabledPlans(List.of());
        AssignLicensePostRequestBody body = new AssignLicensePostRequestBody();
        body.setAddLicenses(List.of(license));
        body.setRemoveLicenses(List.of());
        graph.users().byUserId(user).assignLicense().post(body);
    }
}
