package io.seatwarden.reconcile;

import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.plan.LicenseAdd;
import io.seatwarden.plan.LicenseRemoval;
import io.seatwarden.plan.Plan;
import io.seatwarden.plan.SkipReason;
import io.seatwarden.policy.Settings;
import io.seatwarden.state.ChangeRequest;
import io.seatwarden.state.JournalEntry;
import io.seatwarden.state.JournalState;
import io.seatwarden.state.RunId;
import io.seatwarden.state.Settlement;
import io.seatwarden.testing.TestingTenant;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static io.seatwarden.testing.TestingTenant.planId;
import static io.seatwarden.testing.TestingTenant.skuId;
import static io.seatwarden.testing.TestingTenant.tenant;
import static io.seatwarden.testing.TestingTenant.userId;
import static org.assertj.core.api.Assertions.assertThat;

class UndoPlannerTest {
    private static final RunId RUN = RunId.of("20260101T000000000Z-abcdef01");

    private static JournalEntry entry(int sequence, String user, JournalState state, ChangeRequest request) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        return new JournalEntry(RUN, sequence, new TenantId("tenant-test"), userId(user), user + "@contoso.test", request,
                state, Optional.of(Settlement.RESPONSE), Optional.empty(), 1, at, at);
    }

    private static LicenseAdd add(String sku, String... disabled) {
        return new LicenseAdd(skuId(sku), sku, Arrays.stream(disabled).map(TestingTenant::planId).toList());
    }

    @Test
    void invertsAddsRemovalsAndPlanChangesSeatsPermitting() {
        // After the run: alice got E3 (new), bob lost E5 (had it with YAMMER off), carol's E3 went from TEAMS off to none off,
        // dave lost E5 too, but only one E5 seat is free now; erin's failed change is not undone.
        TenantSnapshot now = tenant().sku("E3", 10, "TEAMS", "YAMMER").sku("E5", 3, "YAMMER").consumed("E5", 2)
                .user("alice").holds("E3").user("bob").user("carol").holds("E3").user("dave").user("erin").build();
        List<JournalEntry> journal = List.of(
                entry(1, "alice", JournalState.SUCCEEDED, new ChangeRequest(null, List.of(add("E3")), List.of(), List.of("p"), List.of(), null)),
                entry(2, "bob", JournalState.SUCCEEDED, new ChangeRequest(null, List.of(), List.of(new LicenseRemoval(skuId("E5"), "E5")),
                        List.of("p"), List.of(add("E5", "YAMMER")), null)),
                entry(3, "carol", JournalState.SUCCEEDED, new ChangeRequest(null, List.of(add("E3")), List.of(), List.of("p"),
                        List.of(add("E3", "TEAMS")), null)),
                entry(4, "dave", JournalState.SUCCEEDED, new ChangeRequest(null, List.of(), List.of(new LicenseRemoval(skuId("E5"), "E5")),
                        List.of("p"), List.of(add("E5")), null)),
                entry(5, "erin", JournalState.FAILED, new ChangeRequest(null, List.of(add("E3")), List.of(), List.of("p"), List.of(), null)));

        Plan plan = new UndoPlanner().plan(RUN, journal, now, Settings.defaults());

        assertThat(plan.changes()).extracting(change -> change.userPrincipalName())
                .containsExactly("alice@contoso.test", "bob@contoso.test", "carol@contoso.test");
        assertThat(plan.changes().get(0).removeLicenses()).extracting(LicenseRemoval::skuId).containsExactly(skuId("E3"));
        assertThat(plan.changes().get(1).addLicenses()).singleElement()
                .satisfies(restored -> assertThat(restored.disabledPlans()).containsExactly(planId("YAMMER")));
        assertThat(plan.changes().get(2).addLicenses()).singleElement()
                .satisfies(restored -> assertThat(restored.disabledPlans()).containsExactly(planId("TEAMS")));
        assertThat(plan.changes().get(2).isNewLicense(plan.changes().get(2).addLicenses().get(0))).isFalse();
        assertThat(plan.skipped()).singleElement().satisfies(skip -> {
            assertThat(skip.userPrincipalName()).isEqualTo("dave@contoso.test");
            assertThat(skip.reason()).isEqualTo(SkipReason.NO_SEATS);
        });
        assertThat(plan.changes()).allSatisfy(change -> assertThat(change.policies()).containsExactly(UndoPlanner.policyName(RUN)));
        assertThat(SavedPlan.of(plan).undoes()).contains(RUN);
    }

    @Test
    void leavesAloneWhatChangedSinceTheRun() {
        TenantSnapshot now = tenant().sku("E3", 10).user("alice").build(); // alice's E3 was removed by someone since
        List<JournalEntry> journal = List.of(
                entry(1, "alice", JournalState.SUCCEEDED, new ChangeRequest(null, List.of(add("E3")), List.of(), List.of("p"), List.of(), null)),
                entry(2, "ghost", JournalState.SUCCEEDED, new ChangeRequest(null, List.of(add("E3")), List.of(), List.of("p"), List.of(), null)));

        Plan plan = new UndoPlanner().plan(RUN, journal, now, Settings.defaults());

        assertThat(plan.changes()).isEmpty();
        assertThat(plan.warnings()).hasSize(2).anySatisfy(warning -> assertThat(warning).contains("changed since the run"))
                .anySatisfy(warning -> assertThat(warning).contains("no longer exists"));
    }
}
