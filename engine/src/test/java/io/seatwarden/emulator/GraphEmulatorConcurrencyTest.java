package io.seatwarden.emulator;

import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.file.TenantFile;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Many clients at once: seats are never handed out twice and the state stays consistent. */
class GraphEmulatorConcurrencyTest {
    private static final String SKU = "6fd2c87f-b296-42f0-b197-1e91e994b900";

    @Test
    void concurrentAssignmentsNeverPassCapacity() throws Exception {
        List<TenantFile.UserEntry> users = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            users.add(new TenantFile.UserEntry(String.format("c0000000-0000-4000-8000-%012d", i), "user" + i + "@contoso.test",
                    "User " + i, "Member", null, null, true, "US", null, List.of(), null));
        }
        TenantFile tenant = new TenantFile(null, List.of(new TenantFile.Sku(SKU, "ENTERPRISEPACK", "User", "Enabled",
                new TenantFile.Units(25, 0, 0, 0), null, List.of())), users, List.of());
        try (GraphEmulator emulator = GraphEmulator.start(tenant, EmulatorOptions.defaults())) {
            HttpClient http = HttpClient.newHttpClient();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (TenantFile.UserEntry user : users) {
                statuses.add(pool.submit(() -> http.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/users/" + user.id() + "/assignLicense"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"addLicenses\":[{\"skuId\":\"" + SKU + "\",\"disabledPlans\":[]}],\"removeLicenses\":[]}"))
                        .build(), HttpResponse.BodyHandlers.ofString()).statusCode()));
            }
            int ok = 0;
            int refused = 0;
            for (Future<Integer> status : statuses) {
                if (status.get() == 200) {
                    ok++;
                } else if (status.get() == 400) {
                    refused++;
                }
            }
            pool.shutdown();
            assertThat(ok).isEqualTo(25);
            assertThat(refused).isEqualTo(35);
            assertThat(emulator.state().consumedUnits(SkuId.of(SKU))).isEqualTo(25);
            assertThat(emulator.state().snapshot().users().stream().filter(user -> user.holds(SkuId.of(SKU)))).hasSize(25);
            assertThat(emulator.requestLog().count("POST /users/{id}/assignLicense")).isEqualTo(60);
        }
    }
}
