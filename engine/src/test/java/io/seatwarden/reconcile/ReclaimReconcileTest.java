package io.seatwarden.reconcile;

import io.seatwarden.state.RunOutcome;
import io.seatwarden.catalog.CatalogLoader;
import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.file.TenantFile;
import io.seatwarden.directory.file.TenantFileMapper;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.GraphEmulator;
import io.seatwarden.emulator.SignInActivityAccess;
import io.seatwarden.graph.GraphClientFactory;
import io.seatwarden.graph.GraphLicenseWriter;
import io.seatwarden.graph.GraphReaders;
import io.seatwarden.graph.ProgressListener;
import io.seatwarden.graph.RetryPolicy;
import io.seatwarden.graph.TestingTime;
import io.seatwarden.graph.WriteBudget;
import io.seatwarden.graph.WritePace;
import io.seatwarden.plan.LicenseRemoval;
import io.seatwarden.plan.RemovalReason;
import io.seatwarden.plan.UserChange;
import io.seatwarden.policy.PolicySet;
import io.seatwarden.state.StateConfig;
import io.seatwarden.state.StateStore;
import io.seatwarden.state.StateStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import static io.seatwarden.testing.TestingPolicies.policies;
import static io.seatwarden.testing.TestingTenant.skuId;
import static io.seatwarden.testing.TestingTenant.tenant;
import static io.seatwarden.testing.TestingTenant.userId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reclaim} end to end: sign-in activity read through the real Graph SDK from the emulator, the plan's
 * removal reasons, the apply's writes, and the refusal when Graph will not serve sign-in activity.
 */
class ReclaimReconcileTest {
    private static final PolicySet ASSIGNING = policies().policy("sales", "Sales").grant("E3").build();
    private static final PolicySet RECLAIMING = policies().policy("sales", "Sales").grant("E3").reclaim(90, true).build();

    private final TestingTime time = new TestingTime(); // 2026-01-01T00:00:00Z
    @TempDir
    Path stateDirectory;
    private StateStore state;
    private GraphEmulator emulator;

    @BeforeEach
    void openState() {
        state = new StateStores(time).open(StateConfig.h2File(stateDirectory.resolve("state")));
    }

    @AfterEach
    void close() {
        state.close();
        if (emulator != null) {
            emulator.close();
        }
    }

    private RunResult apply(TenantFile tenant, PolicySet policies, Consumer<GraphEmulator> setUp) {
        if (emulator != null) {
            emulator.close();
        }
        emulator = GraphEmulator.start(tenant, EmulatorOptions.defaults());
        setUp.accept(emulator);
        URI url = URI.create(emulator.baseUrl());
        TenantConnection connection = new TenantConnection(new GraphReaders(new CatalogLoader()).open(url, ProgressListener.NONE),
                new GraphLicenseWriter(GraphClientFactory.forWrites(url), new WritePace(WriteBudget.GRAPH, time, time), RetryPolicy.defaults(), time, time));
        return new ReconcileRun(state, ProductCatalog.empty(), time).run(RunRequest.unattended(connection, policies, RunOptions.apply()));
    }

    /** Five members of Sales; who has signed in when, relative to the test clock's 2026-01-01. */
    private static TenantSnapshot sales() {
        return tenant().sku("E3", 10)
                .user("idle").inGroup("Sales").created(Instant.parse("2020-01-01T00:00:00Z")).signedIn(Instant.parse("2025-06-01T08:00:00Z"))
                .user("never").inGroup("Sales").created(Instant.parse("2024-01-01T00:00:00Z"))
                .user("recent").inGroup("Sales").created(Instant.parse("2025-12-20T00:00:00Z"))
                .user("active").inGroup("Sales").created(Instant.parse("2020-01-01T00:00:00Z")).signedIn(Instant.parse("2025-12-28T08:00:00Z"))
                .user("leaver").inGroup("Sales").created(Instant.parse("2020-01-01T00:00:00Z")).signedIn(Instant.parse("2025-12-30T08:00:00Z"))
                .build();
    }

    /** The emulator's tenant now, with one account disabled (an admin disabled the leaver's account). */
    private TenantFile nowWithDisabled(String name) {
        TenantFile now = emulator.state().toTenantFile();
        List<TenantFile.UserEntry> users = new ArrayList<>();
        for (TenantFile.UserEntry user : now.users()) {
            boolean disable = user.id().equals(userId(name).value());
            users.add(new TenantFile.UserEntry(user.id(), user.userPrincipalName(), user.displayName(), user.userType(),
                    user.creationType(), user.externalUserState(), disable ? Boolean.FALSE : user.accountEnabled(), user.usageLocation(),
                    user.onPremisesSyncEnabled(), user.assignedLicenses(), user.licenseAssignmentStates(), user.createdDateTime(),
                    user.signInActivity()));
        }
        return new TenantFile(now.tenantId(), now.subscribedSkus(), users, now.groups());
    }

    private static Map<String, List<RemovalReason>> removals(RunResult result) {
        Map<String, List<RemovalReason>> reasons = new TreeMap<>();
        for (UserChange change : result.plan().orElseThrow().changes()) {
            reasons.put(change.userPrincipalName().substring(0, change.userPrincipalName().indexOf('@')),
                    change.removeLicenses().stream().map(LicenseRemoval::reason).toList());
        }
        return reasons;
    }

    private boolean holds(String name) {
        return emulator.state().snapshot().user(userId(name)).orElseThrow().holds(skuId("E3"));
    }

    @Test
    void idleAndDisabledAccountsLoseTheEnginesSeatsAndRecentOnesKeepThem() {
        RunResult assigned = apply(TenantFileMapper.toFile(sales()), ASSIGNING, graph -> { });
        assertThat(assigned.outcome()).as(assigned.message()).isEqualTo(RunOutcome.APPLIED);
        assertThat(assigned.plan().orElseThrow().changes()).hasSize(5);
        assertThat(emulator.requestLog().entries("GET /users")).as("no reclaim of inactive users: no sign-in activity read")
                .noneMatch(entry -> entry.query().contains("signInActivity"));

        RunResult reclaimed = apply(nowWithDisabled("leaver"), RECLAIMING, graph -> { });

        assertThat(reclaimed.outcome()).as(reclaimed.message()).isEqualTo(RunOutcome.APPLIED);
        assertThat(removals(reclaimed)).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "idle", List.of(RemovalReason.INACTIVE), // last signed in 214 days ago
                "leaver", List.of(RemovalReason.DISABLED_ACCOUNT),
                "never", List.of(RemovalReason.INACTIVE)))); // never signed in, created two years ago
        assertThat(holds("idle")).isFalse();
        assertThat(holds("never")).isFalse();
        assertThat(holds("leaver")).isFalse();
        assertThat(holds("recent")).as("created 12 days ago: not idle yet").isTrue();
        assertThat(holds("active")).isTrue();
        assertThat(state.assignments().load(sales().tenantId()).isOwned(userId("idle"), skuId("E3"))).isFalse();

        RunResult again = apply(emulator.state().toTenantFile(), RECLAIMING, graph -> { });
        assertThat(again.outcome()).as("reclaimed seats are not handed back: " + again.message()).isEqualTo(RunOutcome.NOTHING_TO_DO);
        assertThat(again.plan().orElseThrow().skipped()).extracting(skip -> skip.userPrincipalName() + " " + skip.reason())
                .contains("idle@contoso.test INACTIVE", "never@contoso.test INACTIVE");
    }

    @Test
    void withoutAccessToSignInActivityTheRunFailsAndChangesNothing() {
        apply(TenantFileMapper.toFile(sales()), ASSIGNING, graph -> { });
        TenantFile assigned = emulator.state().toTenantFile();

        RunResult refused = apply(assigned, RECLAIMING, graph -> graph.signInActivityAccess(SignInActivityAccess.NOT_PREMIUM));

        assertThat(refused.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(refused.message()).contains("Microsoft Entra ID P1 or P2", "reclaim.inactiveDays");
        assertThat(emulator.requestLog().count("POST /users/{id}/assignLicense")).isZero();
        assertThat(emulator.requestLog().count("POST /$batch")).isZero();
        assertThat(List.of("idle", "never", "recent", "active", "leaver")).allMatch(this::holds);
    }
}
