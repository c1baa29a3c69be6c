package io.seatwarden.reconcile;

import io.seatwarden.state.RunOutcome;
import io.seatwarden.catalog.CatalogLoader;
import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.directory.Group;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.User;
import io.seatwarden.directory.file.TenantFileMapper;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.GraphEmulator;
import io.seatwarden.graph.GraphClientFactory;
import io.seatwarden.graph.GraphLicenseWriter;
import io.seatwarden.graph.GraphReaders;
import io.seatwarden.graph.ProgressListener;
import io.seatwarden.graph.RetryPolicy;
import io.seatwarden.graph.TestingTime;
import io.seatwarden.graph.WriteBudget;
import io.seatwarden.graph.WritePace;
import io.seatwarden.plan.LicenseRemoval;
import io.seatwarden.plan.Ownership;
import io.seatwarden.plan.RemovalReason;
import io.seatwarden.policy.PolicySet;
import io.seatwarden.state.StateConfig;
import io.seatwarden.state.StateStore;
import io.seatwarden.state.StateStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.Path;
import java.util.List;

import static io.seatwarden.testing.TestingPolicies.policies;
import static io.seatwarden.testing.TestingTenant.skuId;
import static io.seatwarden.testing.TestingTenant.tenant;
import static io.seatwarden.testing.TestingTenant.userId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The license lifecycle (adopt, reclaim, removal grace) through the real SDK, the emulator and an H2 state:
 * what the apply records and what later runs do with it.
 */
class LifecycleReconcileTest {
    private final TestingTime time = new TestingTime();
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

    private RunResult apply(TenantSnapshot tenant, PolicySet policies) {
        if (emulator != null) {
            emulator.close();
        }
        emulator = GraphEmulator.start(TenantFileMapper.toFile(tenant), EmulatorOptions.defaults());
        URI url = URI.create(emulator.baseUrl());
        TenantConnection connection = new TenantConnection(new GraphReaders(new CatalogLoader()).open(url, ProgressListener.NONE),
                new GraphLicenseWriter(GraphClientFactory.forWrites(url), new WritePace(WriteBudget.GRAPH, time, time), RetryPolicy.defaults(), time, time));
        return new ReconcileRun(state, ProductCatalog.empty(), time).run(RunRequest.unattended(connection, policies, RunOptions.apply()));
    }

    private User user(String name) {
        return emulator.state().snapshot().user(userId(name)).orElseThrow();
    }

    @Test
    void adoptedLicensesBecomeTheEnginesWithoutAWriteAndGoWhenTheUserLeaves() {
        TenantSnapshot before = tenant().sku("E3", 10)
                .user("bob").inGroup("Sales").holds("E3")
                .user("hand").holds("E3")
                .build();
        PolicySet policies = policies().policy("sales", "Sales").grant("E3").adopt().build();

        RunResult first = apply(before, policies);

        assertThat(first.outcome()).as(first.message()).isEqualTo(RunOutcome.APPLIED);
        assertThat(first.message()).contains("adopted 1 license");
        assertThat(first.plan().orElseThrow().adopted()).extracting(adopted -> adopted.userPrincipalName())
                .containsExactly("bob@contoso.test");
        assertThat(emulator.requestLog().count("POST /users/{id}/assignLicense")).isZero();
        assertThat(state.assignments().load(before.tenantId()).isOwned(userId("bob"), skuId("E3"))).isTrue();
        assertThat(state.assignments().load(before.tenantId()).isOwned(userId("hand"), skuId("E3"))).isFalse();

        TenantSnapshot again = emulator.state().snapshot();
        RunResult second = apply(again, policies);
        assertThat(second.outcome()).as("adopted once: " + second.message()).isEqualTo(RunOutcome.NOTHING_TO_DO);

        List<Group> groups = again.groups().stream().map(group -> group.displayName().equals("Sales")
                ? new Group(group.id(), group.displayName(), List.of(), group.memberGroups(), group.assignedLicenses()) : group).toList();
        RunResult leaving = apply(new TenantSnapshot(again.tenantId(), again.subscribedSkus(), again.users(), groups), policies);

        assertThat(leaving.outcome()).as(leaving.message()).isEqualTo(RunOutcome.APPLIED);
        assertThat(leaving.plan().orElseThrow().changes()).singleElement().satisfies(change -> {
            assertThat(change.userPrincipalName()).isEqualTo("bob@contoso.test");
            assertThat(change.removeLicenses()).extracting(LicenseRemoval::reason).containsExactly(RemovalReason.NOT_ENTITLED);
        });
        assertThat(user("bob").holds(skuId("E3"))).isFalse();
        assertThat(user("hand").holds(skuId("E3"))).as("never adopted, never removed").isTrue();
    }

    private static TenantSnapshot withoutMembers(TenantSnapshot tenant, String groupName) {
        List<Group> groups = tenant.groups().stream().map(group -> group.displayName().equals(groupName)
                ? new Group(group.id(), group.displayName(), List.of(), group.memberGroups(), group.assignedLicenses()) : group).toList();
        return new TenantSnapshot(tenant.tenantId(), tenant.subscribedSkus(), tenant.users(), groups);
    }

    @Test
    void aRemovalWaitsOutItsGracePeriodFromTheRunThatFirstRecordedIt() {
        PolicySet policies = policies().policy("sales", "Sales").grant("E3").removalGraceDays(30).build();
        RunResult assigned = apply(tenant().sku("E3", 10).user("alice").inGroup("Sales").build(), policies);
        assertThat(assigned.outcome()).as(assigned.message()).isEqualTo(RunOutcome.APPLIED);
        TenantSnapshot left = withoutMembers(emulator.state().snapshot(), "Sales");
        Instant firstSeen = time.instant();

        RunResult pending = apply(left, policies);
        assertThat(pending.outcome()).as(pending.message()).isEqualTo(RunOutcome.NOTHING_TO_DO);
        assertThat(pending.message()).contains("1 removal pending");
        assertThat(pending.plan().orElseThrow().pendingRemovals()).extracting(removal -> removal.removeAfter())
                .containsExactly(firstSeen.plus(Duration.ofDays(30)));
        assertThat(state.pendingRemovals().load(left.tenantId())).containsOnlyKeys(new Ownership.Key(userId("alice"), skuId("E3")));

        time.advance(Duration.ofDays(29));
        RunResult stillPending = apply(emulator.state().snapshot(), policies);
        assertThat(stillPending.plan().orElseThrow().pendingRemovals()).extracting(removal -> removal.removeAfter())
                .as("the grace period runs from the first record, not from each run").containsExactly(firstSeen.plus(Duration.ofDays(30)));
        assertThat(user("alice").holds(skuId("E3"))).isTrue();

        time.advance(Duration.ofDays(1));
        RunResult due = apply(emulator.state().snapshot(), policies);
        assertThat(due.outcome()).as(due.message()).isEqualTo(RunOutcome.APPLIED);
        assertThat(user("alice").holds(skuId("E3"))).isFalse();
        apply(emulator.state().snapshot(), policies);
        assertThat(state.pendingRemovals().load(left.tenantId())).as("forgotten once carried out").isEmpty();
    }

    @Test
    void aPendingRemovalIsCancelledWhenTheUserQualifiesAgain() {
        PolicySet policies = policies().policy("sales", "Sales").grant("E3").removalGraceDays(30).build();
        apply(tenant().sku("E3", 10).user("alice").inGroup("Sales").build(), policies);
        TenantSnapshot member = emulator.state().snapshot();
        apply(withoutMembers(member, "Sales"), policies);
        assertThat(state.pendingRemovals().load(member.tenantId())).hasSize(1);

        time.advance(Duration.ofDays(20));
        RunResult back = apply(new TenantSnapshot(member.tenantId(), member.subscribedSkus(), emulator.state().snapshot().users(),
                member.groups()), policies);

        assertThat(back.outcome()).as(back.message()).isEqualTo(RunOutcome.NOTHING_TO_DO);
        assertThat(state.pendingRemovals().load(member.tenantId())).isEmpty();
        time.advance(Duration.ofDays(20));
        apply(withoutMembers(emulator.state().snapshot(), "Sales"), policies);
        assertThat(state.pendingRemovals().load(member.tenantId())).as("a new period starts").containsValue(time.instant());
    }
}
