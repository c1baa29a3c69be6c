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
import java.util.List;

import static io.seatwarden.testing.TestingPolicies.policies;
import static io.seatwarden.testing.TestingTenant.skuId;
import static io.seatwarden.testing.TestingTenant.tenant;
import static io.seatwarden.testing.TestingTenant.userId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rule 5 through the real SDK and the emulator: users who leave a policy's group lose the license
 * the engine gave them, keep one assigned by hand, and keep one inherited from Entra's own
 * group-based licensing.
 */
class OwnershipRuleTest {
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
    void leavingTheGroupRemovesOnlyWhatTheEngineAssigned() {
        TenantSnapshot before = tenant().sku("E3", 10).group("Sales").group("Licensed").groupLicense("Licensed", "E3")
                .user("alice").inGroup("Sales")
                .user("bob").inGroup("Sales").holds("E3")
                .user("carol").inGroup("Sales", "Licensed")
                .build();
        PolicySet policies = policies().policy("sales", "Sales").grant("E3").build();

        RunResult first = apply(before, policies);
        assertThat(first.outcome()).as(first.message()).isEqualTo(RunOutcome.APPLIED);
        assertThat(first.applied().orElseThrow().changes()).extracting(ChangeOutcome::userPrincipalName).containsExactly("alice@contoso.test");
        assertThat(user("carol").inheritsFromGroup(skuId("E3"))).isTrue();
        assertThat(user("carol").directLicense(skuId("E3"))).isEmpty();

        // Everyone leaves Sales (the tenant as the first run left it, served again).
        TenantSnapshot after = emulator.state().snapshot();
        List<Group> groups = after.groups().stream().map(group -> group.displayName().equals("Sales")
                ? new Group(group.id(), group.displayName(), List.of(), group.memberGroups(), group.assignedLicenses()) : group).toList();
        RunResult second = apply(new TenantSnapshot(after.tenantId(), after.subscribedSkus(), after.users(), groups), policies);

        assertThat(second.outcome()).as(second.message()).isEqualTo(RunOutcome.APPLIED);
        assertThat(second.applied().orElseThrow().changes()).singleElement().satisfies(change -> {
            assertThat(change.userPrincipalName()).isEqualTo("alice@contoso.test");
            assertThat(change.removeLicenses()).extracting(removal -> removal.skuPartNumber()).containsExactly("E3");
        });
        assertThat(user("alice").holds(skuId("E3"))).isFalse();
        assertThat(user("bob").directLicense(skuId("E3"))).isPresent();
        assertThat(user("carol").inheritsFromGroup(skuId("E3"))).isTrue();
        assertThat(state.assignments().load(after.tenantId()).keys()).isEmpty();
        assertThat(emulator.requestLog().count("POST /users/{id}/assignLicense")).isEqualTo(1);
    }
}
