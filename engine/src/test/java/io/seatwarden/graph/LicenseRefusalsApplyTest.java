package io.seatwarden.graph;

import com.microsoft.graph.users.item.assignlicense.AssignLicensePostRequestBody;
import io.seatwarden.catalog.CatalogLoader;
import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.UserId;
import io.seatwarden.directory.file.TenantFiles;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.FaultPlan;
import io.seatwarden.emulator.GraphEmulator;
import io.seatwarden.emulator.RequestLog;
import io.seatwarden.policy.PolicySet;
import io.seatwarden.reconcile.ChangeOutcome;
import io.seatwarden.reconcile.ChangeStatus;
import io.seatwarden.state.RunOutcome;
import io.seatwarden.reconcile.ReconcileRun;
import io.seatwarden.reconcile.RefusalReason;
import io.seatwarden.reconcile.RefusedLicense;
import io.seatwarden.reconcile.RunOptions;
import io.seatwarden.reconcile.RunRequest;
import io.seatwarden.reconcile.RunResult;
import io.seatwarden.reconcile.TenantConnection;
import io.seatwarden.state.JournalEntry;
import io.seatwarden.state.JournalState;
import io.seatwarden.state.StateConfig;
import io.seatwarden.state.StateStore;
import io.seatwarden.state.StateStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.seatwarden.testing.TestingPolicies.policies;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rule 10 at apply time, through the real SDK against the emulator: Graph refuses one SKU of a user's call
 * (a service-plan conflict the plan could not know of, a plan without the plan it depends on, a SKU not sold
 * in the user's country) and the user's other SKUs still land; refusals are named, not GUIDs; a removal
 * that finds the license gone is done; a read-back waits out replication lag before it decides.
 */
class LicenseRefusalsApplyTest {
    private static final String ASSIGN = "POST /users/{id}/assignLicense";
    private static final UserId ALICE = new UserId("b0000000-0000-4000-8000-000000000001");
    private static final UserId BOB = new UserId("b0000000-0000-4000-8000-000000000002");
    private static final UserId CAROL = new UserId("b0000000-0000-4000-8000-000000000003");
    private static final UserId DAVE = new UserId("b0000000-0000-4000-8000-000000000004");
    private static final SkuId E3 = SkuId.of("6fd2c87f-b296-42f0-b197-1e91e994b900");
    private static final SkuId MCOEV = SkuId.of("e43b5b99-8dfb-405f-9987-dc307f34bcbd");
    private static final SkuId POWER_BI_PRO = SkuId.of("f8a1db68-be16-40ed-86d5-cb42ce701560");
    private static final TenantId TENANT = new TenantId("c0ffee00-0000-4000-8000-000000000009");

    private final TestingTime time = new TestingTime();
    private GraphEmulator emulator;
    private StateStore state;

    @TempDir
    Path directory;

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
        if (state != null) {
            state.close();
        }
    }

    private void serve(EmulatorOptions options) throws IOException {
        try (InputStream in = LicenseRefusalsApplyTest.class.getResourceAsStream("/tenants/refusals.json")) {
            emulator = GraphEmulator.start(new TenantFiles().parse(in, "refusals.json", false), options.withClock(time));
        }
        state = new StateStores(time).open(StateConfig.h2File(directory.resolve("state")));
    }

    /** Plans without Microsoft's list of exclusive plans (ProductCatalog.empty()): only Graph knows of the conflict. */
    private RunResult apply(PolicySet policies) {
        URI url = URI.create(emulator.baseUrl());
        GraphLicenseWriter writer = new GraphLicenseWriter(GraphClientFactory.forWrites(url), new WritePace(WriteBudget.GRAPH, time, time),
                RetryPolicy.defaults(), time, time);
        TenantConnection tenant = new TenantConnection(new GraphReaders(new CatalogLoader()).open(url, ProgressListener.NONE), writer);
        return new ReconcileRun(state, ProductCatalog.empty(), time).run(RunRequest.unattended(tenant, policies, RunOptions.apply()));
    }

    private static ChangeOutcome change(RunResult result, UserId user) {
        return result.applied().orElseThrow().changes().stream().filter(change -> change.userId().equals(user)).findFirst().orElseThrow();
    }

    private boolean holds(UserId user, SkuId sku) {
        return emulator.state().snapshot().user(user).orElseThrow().holds(sku);
    }

    private long assignCalls(UserId user) {
        return emulator.requestLog().entries(ASSIGN).stream().filter(entry -> entry.path().contains(user.value())).count();
    }

    @Test
    void oneRefusedSkuDoesNotBlockTheUsersOtherSkus() throws IOException {
        serve(EmulatorOptions.defaults());
        PolicySet policies = policies()
                .policy("kiosk", "Kiosk").grant("EXCHANGEDESKLESS").grant("POWER_BI_PRO")
                .policy("phones", "Phones").grant("MCOEV").grant("POWER_BI_PRO")
                .build();

        RunResult result = apply(policies);

        // Power BI Pro lands for all three; each refused SKU is reported by name with the engine's reason.
        assertThat(holds(ALICE, POWER_BI_PRO)).isTrue();
        assertThat(holds(BOB, POWER_BI_PRO)).isTrue();
        assertThat(holds(CAROL, POWER_BI_PRO)).isTrue();
        assertThat(holds(BOB, MCOEV)).isFalse();
        assertThat(result.outcome()).isEqualTo(RunOutcome.CHANGES_FAILED);
        assertThat(result.exitCode()).isEqualTo(1);

        ChangeOutcome alice = change(result, ALICE);
        assertThat(alice.status()).isEqualTo(ChangeStatus.PARTIAL);
        assertThat(alice.addLicenses()).extracting(add -> add.skuPartNumber()).containsExactly("POWER_BI_PRO");
        RefusedLicense conflict = alice.refusedLicenses().get(0);
        assertThat(conflict.skuPartNumber()).isEqualTo("EXCHANGEDESKLESS");
        assertThat(conflict.action()).isEqualTo(RefusedLicense.Action.ADD);
        assertThat(conflict.reason()).isEqualTo(RefusalReason.SERVICE_PLAN_CONFLICT);
        assertThat(conflict.detail()).contains("EXCHANGE_S_DESKLESS and EXCHANGE_S_STANDARD cannot be assigned together")
                .contains("HTTP 400 Request_BadRequest").doesNotContain("4a82b400");

        RefusedLicense dependency = change(result, BOB).refusedLicenses().get(0);
        assertThat(change(result, BOB).status()).isEqualTo(ChangeStatus.PARTIAL);
        assertThat(dependency.skuPartNumber()).isEqualTo("MCOEV");
        assertThat(dependency.reason()).isEqualTo(RefusalReason.SERVICE_PLAN_DEPENDENCY);
        assertThat(dependency.detail()).contains("service plan MCOEV depends on TEAMS1").doesNotContain("57ff2da0");

        // Carol's country is set, MCOEV is just not sold there: its own reason, and never retried as a missing location.
        RefusedLicense restricted = change(result, CAROL).refusedLicenses().get(0);
        assertThat(restricted.reason()).isEqualTo(RefusalReason.USAGE_LOCATION_UNAVAILABLE);
        assertThat(restricted.detail()).contains("MCOEV is not available in the user's usage location").doesNotContain("no valid usage location");
        assertThat(assignCalls(CAROL)).as("the whole call, then Power BI Pro alone").isEqualTo(2);

        // What landed is the engine's (it may remove it later); the entry records the refusal.
        assertThat(state.assignments().load(TENANT).isOwned(ALICE, POWER_BI_PRO)).isTrue();
        assertThat(state.journal().entries(result.runId().orElseThrow())).extracting(JournalEntry::state)
                .containsOnly(JournalState.FAILED);

        // The next night only the refused SKUs are tried again: the valid ones are not held hostage.
        RunResult again = apply(policies);
        assertThat(change(again, BOB).addLicenses()).extracting(add -> add.skuPartNumber()).containsExactly("MCOEV");
        assertThat(change(again, BOB).status()).isEqualTo(ChangeStatus.FAILED);
        assertThat(change(again, BOB).detail()).contains("+MCOEV: service plan MCOEV depends on TEAMS1");
        assertThat(holds(BOB, POWER_BI_PRO)).isTrue();
    }

    @Test
    void aRemovalThatFindsTheLicenseGoneIsDoneOnceReadsCatchUp() throws IOException {
        serve(EmulatorOptions.defaults().withReplicationLag(Duration.ofSeconds(5)));
        assertThat(apply(policies().policy("office", "Office").grant("ENTERPRISEPACK").build()).exitCode()).isZero();
        assertThat(holds(DAVE, E3)).isTrue();
        time.sleep(Duration.ofMinutes(1));
        // An administrator removes it by hand; the engine's next read, 5 s behind, still shows it.
        AssignLicensePostRequestBody body = new AssignLicensePostRequestBody();
        body.setAddLicenses(List.of());
        body.setRemoveLicenses(List.of(UUID.fromString(E3.toString())));
        GraphClientFactory.forWrites(URI.create(emulator.baseUrl())).users().byUserId(DAVE.value()).assignLicense().post(body);
        long before = assignCalls(DAVE);

        // No policy grants E3 any more: the engine removes the license it assigned.
        RunResult result = apply(policies().policy("office", "Office").grant("POWER_BI_PRO").disabling("BI_AZURE_P2").build());

        ChangeOutcome dave = change(result, DAVE);
        assertThat(dave.removeLicenses()).extracting(removal -> removal.skuPartNumber()).containsExactly("ENTERPRISEPACK");
        assertThat(dave.status()).isEqualTo(ChangeStatus.APPLIED);
        assertThat(dave.detail()).contains("-ENTERPRISEPACK was already gone (as intended)");
        assertThat(state.assignments().load(TENANT).isOwned(DAVE, E3)).isFalse();
        assertThat(assignCalls(DAVE) - before).as("the call with both, then the removal found done by reading back").isEqualTo(2);
    }

    @Test
    void aReadBackAfterAGatewayTimeoutWaitsForReplicationBeforeSendingAgain() throws IOException {
        serve(EmulatorOptions.defaults().withReplicationLag(Duration.ofSeconds(5)));
        emulator.faults().onNext("POST", "/users/{id}/assignLicense", FaultPlan.Fault.timeoutAfterWrite());

        RunResult result = apply(policies().policy("phones", "Phones").grant("POWER_BI_PRO").build());

        assertThat(result.exitCode()).isZero();
        assertThat(holds(BOB, POWER_BI_PRO)).isTrue();
        List<RequestLog.Entry> calls = emulator.requestLog().entries(ASSIGN);
        assertThat(calls).as("the write landed before the 504: reading back until it shows, never sending it twice").hasSize(2);
        ChangeOutcome timedOut = result.applied().orElseThrow().changes().stream().filter(ChangeOutcome::settledByReadBack).findFirst()
                .orElseThrow();
        assertThat(timedOut.status()).isEqualTo(ChangeStatus.APPLIED);
        assertThat(time.sleeps()).as("it waited, boundedly, for the read to catch up").isNotEmpty()
                .allSatisfy(sleep -> assertThat(sleep).isLessThanOrEqualTo(GraphLicenseWriter.READ_BACK_BOUND));
    }
}
