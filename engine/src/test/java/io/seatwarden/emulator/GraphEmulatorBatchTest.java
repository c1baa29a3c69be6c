package io.seatwarden.emulator;

import com.microsoft.graph.core.content.BatchRequestContent;
import com.microsoft.graph.core.content.BatchResponseContent;
import com.microsoft.graph.models.AssignedLicense;
import com.microsoft.graph.models.User;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.assignlicense.AssignLicensePostRequestBody;
import io.seatwarden.directory.SkuId;
import io.seatwarden.testing.TestingClock;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** JSON $batch through the real Graph SDK: per-step statuses and headers, 429 steps, dependsOn and 424, limits. */
class GraphEmulatorBatchTest {
    private static final UUID E3 = UUID.fromString("6fd2c87f-b296-42f0-b197-1e91e994b900");
    private static final UUID COMPANY_SKU = UUID.fromString("47794cd0-f0e5-45c5-9033-2eb6b5fc84e0");

    private GraphEmulator emulator;
    private GraphServiceClient graph;

    @BeforeEach
    void start() {
        emulator = GraphEmulator.start(TestingGraphClients.tenant("emulator-small.json"), EmulatorOptions.defaults());
        graph = TestingGraphClients.withoutRetries(emulator.baseUrl());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void aThrottledStepIs429WithRetryAfterWhileTheBatchIs200() throws Exception {
        emulator.faults().onNext("POST", "/users/{id}/assignLicense", FaultPlan.Fault.throttle(Duration.ofSeconds(7)));
        BatchRequestContent batch = new BatchRequestContent(graph);
        String bob = batch.addBatchRequestStep(graph.users().byUserId("bob@contoso.test").assignLicense().toPostRequestInformation(assign(E3)));
        String carol = batch.addBatchRequestStep(graph.users().byUserId("carol@contoso.test").assignLicense().toPostRequestInformation(assign(E3)));
        String read = batch.addBatchRequestStep(graph.users().byUserId("erin@contoso.test")
                .toGetRequestInformation(request -> request.queryParameters.select = new String[]{"id", "assignedLicenses"}));

        BatchResponseContent response = graph.getBatchRequestBuilder().post(batch, null);

        assertThat(response.getResponsesStatusCode()).containsEntry(bob, 429).containsEntry(carol, 200).containsEntry(read, 200);
        try (Response throttled = response.getResponseById(bob)) {
            assertThat(throttled.header("Retry-After")).isEqualTo("7");
        }
        User erin = response.getResponseById(read, User::createFromDiscriminatorValue);
        assertThat(erin.getAssignedLicenses()).extracting(AssignedLicense::getSkuId).containsExactly(E3);
        assertThat(emulator.state().consumedUnits(SkuId.of(E3.toString()))).isEqualTo(4); // carol only

        RequestLog log = emulator.requestLog();
        assertThat(log.count("POST /$batch")).isEqualTo(1);
        assertThat(log.entries("POST /$batch").get(0).status()).isEqualTo(200);
        assertThat(log.entries(RequestLog.Entry::batchItem)).hasSize(3);
        // step URLs arrive percent-encoded and relative: decoded before routing
        assertThat(log.entries("GET /users/{id}").get(0).path()).isEqualTo("/users/erin@contoso.test");
        assertThat(log.entries("GET /users/{id}").get(0).batchItemId()).contains(read);
    }

    @Test
    void aStepWhoseDependencyFailedIs424() throws Exception {
        BatchRequestContent batch = new BatchRequestContent(graph);
        String failing = batch.addBatchRequestStep(graph.users().byUserId("bob@contoso.test").assignLicense().toPostRequestInformation(assign(COMPANY_SKU)));
        String dependent = batch.addBatchRequestStep(graph.users().byUserId("carol@contoso.test").assignLicense().toPostRequestInformation(assign(E3)));
        String fine = batch.addBatchRequestStep(graph.users().byUserId("bob@contoso.test").toGetRequestInformation());
        String afterFine = batch.addBatchRequestStep(graph.users().byUserId("carol@contoso.test").toGetRequestInformation());
        batch.getBatchRequestSteps().get(dependent).addDependsOnId(failing);
        batch.getBatchRequestSteps().get(afterFine).addDependsOnId(fine);

        BatchResponseContent response = graph.getBatchRequestBuilder().post(batch, null);

        assertThat(response.getResponsesStatusCode()).isEqualTo(Map.of(failing, 400, dependent, 424, fine, 200, afterFine, 200));
        assertThat(emulator.state().consumedUnits(SkuId.of(E3.toString()))).isEqualTo(3); // the dependent step never ran
        try (Response failed = response.getResponseById(dependent)) {
            assertThat(failed.body().string()).contains("\"message\"");
        }
    }

    @Test
    void moreThanTwentyStepsOrDuplicateIdsFailTheWholeBatch() throws Exception {
        StringBuilder steps = new StringBuilder();
        for (int i = 1; i <= 21; i++) {
            steps.append(i > 1 ? "," : "").append("{\"id\":\"").append(i).append("\",\"method\":\"GET\",\"url\":\"/users\"}");
        }
        HttpResponse<String> tooMany = post("{\"requests\":[" + steps + "]}");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("\"error\"").contains("20");
        HttpResponse<String> duplicate = post("{\"requests\":[{\"id\":\"a\",\"method\":\"GET\",\"url\":\"/users\"},{\"id\":\"A\",\"method\":\"GET\",\"url\":\"/groups\"}]}");
        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(emulator.requestLog().entries(RequestLog.Entry::batchItem)).isEmpty();
    }

    @Test
    void eachStepIsChargedAndThrottledOnItsOwn() throws Exception {
        emulator.close();
        TestingClock clock = new TestingClock(Instant.parse("2026-01-01T00:00:00Z"));
        emulator = GraphEmulator.start(TestingGraphClients.tenant("emulator-small.json"), EmulatorOptions.defaults().withThrottle(6).withClock(clock));
        graph = TestingGraphClients.withoutRetries(emulator.baseUrl());
        BatchRequestContent batch = new BatchRequestContent(graph);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(batch.addBatchRequestStep(graph.subscribedSkus().toGetRequestInformation())); // 3 units each
        }
        BatchResponseContent response = graph.getBatchRequestBuilder().post(batch, null);
        assertThat(response.getResponsesStatusCode().values()).containsExactlyInAnyOrder(200, 200, 429, 429, 429);
        try (Response third = response.getResponseById(ids.get(2))) {
            assertThat(third.code()).isEqualTo(429);
            assertThat(third.header("Retry-After")).isEqualTo("5"); // 3 units refill at 0.6 per second
            assertThat(third.header("x-ms-throttle-information")).isEqualTo("ResourceUnitLimitExceeded");
        }
        assertThat(emulator.requestLog().entries("POST /$batch").get(0).status()).isEqualTo(200);
    }

    private AssignLicensePostRequestBody assign(UUID sku) {
        AssignedLicense license = new AssignedLicense();
        license.setSkuId(sku);
        license.setDisabledPlans(List.of());
        AssignLicensePostRequestBody body = new AssignLicensePostRequestBody();
        body.setAddLicenses(List.of(license));
        body.setRemoveLicenses(List.of());
        return body;
    }

    private HttpResponse<String> post(String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/$batch"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
