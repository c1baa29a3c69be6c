package io.seatwarden.notify;

import io.seatwarden.plan.LicenseError;
import io.seatwarden.plan.Plan;
import io.seatwarden.policy.NotifyEvent;
import io.seatwarden.state.RunOutcome;
import io.seatwarden.reconcile.RunResult;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.seatwarden.notify.NoticeFixtures.CATALOG;
import static io.seatwarden.notify.NoticeFixtures.CONTEXT;
import static io.seatwarden.testing.TestingTenant.skuId;
import static io.seatwarden.testing.TestingTenant.userId;
import static org.assertj.core.api.Assertions.assertThat;

class NoticesTest {
    private static final Instant AT = Instant.parse("2026-01-01T02:00:00Z");

    private static Notice.Event event(Notice notice, NotifyEvent kind) {
        return notice.events().stream().filter(event -> event.kind() == kind).findFirst().orElseThrow();
    }

    @Test
    void aRunWithEveryTroubleHasEveryEventInOrderWithCountsAndSkus() {
        Notice notice = Notices.of(NoticeFixtures.everything(), CONTEXT, AT);

        assertThat(notice.tenantName()).isEqualTo("Contoso");
        assertThat(notice.tenantId()).isPresent();
        assertThat(notice.events()).extracting(Notice.Event::kind)
                .containsExactly(NotifyEvent.SHORTAGE, NotifyEvent.FAILURE, NotifyEvent.GUARD, NotifyEvent.APPLIED);

        Notice.Event shortage = event(notice, NotifyEvent.SHORTAGE);
        assertThat(shortage.headline()).isEqualTo("2 users are waiting for seats");
        assertThat(shortage.skus()).singleElement().satisfies(sku -> {
            assertThat(sku.label()).isEqualTo("ENTERPRISEPACK (Office 365 E3)");
            assertThat(sku.counts()).containsEntry("usersWaiting", 2);
        });
        assertThat(shortage.lines()).containsExactly(
                "2 users are waiting for seats of ENTERPRISEPACK (Office 365 E3): buy 2 seats or free 2; the next run assigns them");

        Notice.Event failure = event(notice, NotifyEvent.FAILURE);
        assertThat(failure.headline()).isEqualTo("1 change failed");
        assertThat(failure.counts()).containsExactly(Map.entry("changesFailed", 1), Map.entry("changesUnknown", 0));
        assertThat(failure.skus()).extracting(Notice.SkuLine::skuPartNumber).containsExactly("E5");

        Notice.Event guard = event(notice, NotifyEvent.GUARD);
        assertThat(guard.headline()).isEqualTo("the removal guard held back 2 removals");
        assertThat(guard.skus()).extracting(Notice.SkuLine::skuPartNumber).containsExactly("E5", "ENTERPRISEPACK");
        assertThat(guard.lines()).first().isEqualTo("2 removals exceed maxRemovals (1)");

        Notice.Event applied = event(notice, NotifyEvent.APPLIED);
        assertThat(applied.counts()).containsExactly(Map.entry("usersChanged", 1), Map.entry("licensesAdded", 1),
                Map.entry("licensesRemoved", 0), Map.entry("usageLocationsSet", 1));
        assertThat(applied.skus()).singleElement().satisfies(sku -> assertThat(sku.productName()).contains("Office 365 E3"));
    }

    @Test
    void aRunThatFailedBeforeReadingIsAFailureNamingTheTenantByContext() {
        RunResult failed = new RunResult(RunOutcome.FAILED, "cannot read the tenant: 503", Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), List.of());

        Notice notice = Notices.of(failed, CONTEXT, AT);

        assertThat(notice.tenantId()).isEmpty();
        assertThat(notice.events()).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(NotifyEvent.FAILURE);
            assertThat(event.headline()).isEqualTo("the run failed");
            assertThat(event.lines()).containsExactly("cannot read the tenant: 503");
        });
    }

    @Test
    void dryRunsDeclinedAndStoppedRunsTellNothing() {
        RunResult everything = NoticeFixtures.everything();
        for (RunOutcome outcome : List.of(RunOutcome.PLANNED, RunOutcome.DECLINED, RunOutcome.INTERRUPTED)) {
            RunResult quiet = new RunResult(outcome, "x", everything.plan(), everything.applied(), everything.runId(), List.of(), List.of());
            assertThat(Notices.of(quiet, CONTEXT, AT).events()).as(outcome.name()).isEmpty();
        }
    }

    @Test
    void licenseErrorsAreCountedPerSkuAndPerGraphErrorCode() {
        Optional<Notice.Event> event = Notices.licenseErrors(List.of(
                new Notices.LicenseErrorEntry(skuId("ENTERPRISEPACK"), "ENTERPRISEPACK", "CountViolation"),
                new Notices.LicenseErrorEntry(skuId("ENTERPRISEPACK"), "ENTERPRISEPACK", "CountViolation"),
                new Notices.LicenseErrorEntry(skuId("E5"), "E5", "MutuallyExclusiveViolation")), CATALOG);

        assertThat(event).hasValueSatisfying(found -> {
            assertThat(found.headline()).isEqualTo("Entra group licensing reports 3 license errors");
            assertThat(found.skus()).extracting(Notice.SkuLine::label, sku -> sku.counts().get("licenseErrors"))
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("E5", 1),
                            org.assertj.core.groups.Tuple.tuple("ENTERPRISEPACK (Office 365 E3)", 2));
            assertThat(found.lines()).startsWith("CountViolation: 2", "MutuallyExclusiveViolation: 1");
        });
        assertThat(Notices.licenseErrors(List.of(), CATALOG)).isEmpty();
    }

    @Test
    void theLicenseErrorsEventComesFromThePlansLicenseErrors() {
        Plan plan = NoticeFixtures.shortPlan();
        Plan withErrors = new Plan(plan.tenantId(), plan.ownership(), plan.summary(), plan.skus(), plan.changes(), plan.skipped(),
                plan.waitingForHeldRemovals(), plan.warnings(), plan.adopted(), plan.pendingRemovals(), List.of(
                        new LicenseError(userId("zoe"), "zoe@contoso.test", skuId("ENTERPRISEPACK"), "ENTERPRISEPACK", "group-Entra",
                                "CountViolation")));
        RunResult result = new RunResult(RunOutcome.NOTHING_TO_DO, "nothing to change", Optional.of(withErrors), Optional.empty(),
                Optional.empty(), List.of(), List.of());

        Notice notice = Notices.of(result, CONTEXT, AT);

        Notice.Event errors = event(notice, NotifyEvent.LICENSE_ERRORS);
        assertThat(errors.counts()).containsEntry("licenseErrors", 1);
        assertThat(errors.skus()).extracting(Notice.SkuLine::label).containsExactly("ENTERPRISEPACK (Office 365 E3)");
        assertThat(errors.lines()).first().isEqualTo("CountViolation: 1");
    }
}
