package io.seatwarden.report;

import io.seatwarden.plan.LicenseAdd;
import io.seatwarden.plan.LicenseRemoval;
import io.seatwarden.plan.Plan;
import io.seatwarden.plan.PlanSwitch;
import io.seatwarden.plan.PlanSummary;
import io.seatwarden.plan.RemovalGuardVerdict;
import io.seatwarden.plan.Skip;
import io.seatwarden.plan.SkipReason;
import io.seatwarden.plan.SkuSeats;
import io.seatwarden.plan.UserChange;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the human-readable reports (text, Markdown, HTML) say about a plan, worded once so that
 * they agree: the headline, skips grouped by reason, each user's changes, the seat notes and the
 * removal guard's verdict. The JSON report says it as data instead.
 */
final class PlanView {
    private PlanView() {}

    /** One sentence that answers "what would this do?", e.g. for the first line of a PR comment. */
    static String headline(Plan plan) {
        PlanSummary summary = plan.summary();
        StringBuilder text = new StringBuilder();
        if (plan.changes().isEmpty()) {
            text.append(summary.licensesAdopted() > 0 ? "No license to change" : "Nothing to change");
        } else {
            text.append(count(summary.usersChanged(), "user")).append(" to change: ");
            List<String> parts = new ArrayList<>();
            parts.add(count(summary.licensesAdded(), "license") + " added");
            if (summary.licensesUpdated() > 0) {
                parts.add(summary.licensesUpdated() + " updated");
            }
            parts.add(summary.licensesRemoved() + " removed");
            if (summary.usageLocationsSet() > 0) {
                parts.add(count(summary.usageLocationsSet(), "usage location") + " set");
            }
            text.append(String.join(", ", parts));
        }
        if (summary.usersWithDataAtStake() > 0) {
            text.append("; ").append(count(summary.usersWithDataAtStake(), "user")).append(" would lose a mailbox or OneDrive"
                    + " (marked below; retention at stake)");
        }
        if (summary.licensesAdopted() > 0) {
            text.append("; ").append(count(summary.licensesAdopted(), "license")).append(" adopted");
        }
        if (summary.pendingRemovals() > 0) {
            text.append("; ").append(count(summary.pendingRemovals(), "removal")).append(" pending");
        }
        if (summary.skipped() > 0) {
            text.append("; ").append(summary.skipped()).append(" skipped");
        }
        if (summary.waitingForSeats() > 0) {
            text.append("; ").append(count(summary.waitingForSeats(), "user")).append(" waiting for seats");
        }
        if (summary.removalGuard().wouldTrip()) {
            text.append("; the removal guard would hold back every removal");
            if (summary.removalGuard().addsWaiting() > 0) {
                int waiting = summary.removalGuard().addsWaiting();
                text.append(" (").append(count(waiting, "addition")).append(waiting == 1 ? " waits" : " wait")
                        .append(" for the seats they would free)");
            }
        }
        return text.append('.').toString();
    }

    /**
     * Said plainly when the plan was made without the engine's state (rule 5): it cannot know which
     * licenses the engine assigned, so the removals of those no policy grants any more are missing.
     */
    static Optional<String> ownershipNote(Plan plan) {
        if (!plan.ownership().hidesEngineLicenses()) {
            return Optional.empty();
        }
        return Optional.of("Planned without the engine's state: licenses the engine assigned which no policy grants any more"
                + " are not shown, and their removals are not in this plan. Plan with the state apply uses (--state-url) to see them.");
    }

    /** Skips grouped by reason, reasons in their declared order (the order they are decided in), empty groups left out. */
    static Map<SkipReason, List<Skip>> skipsByReason(Plan plan) {
        Map<SkipReason, List<Skip>> groups = new EnumMap<>(SkipReason.class);
        for (Skip skip : plan.skipped()) {
            groups.computeIfAbsent(skip.reason(), reason -> new ArrayList<>()).add(skip);
        }
        return groups;
    }

    /** Why a reason means no license, in words. */
    static String explain(SkipReason reason) {
        switch (reason) {
            case GUEST:
                return "B2B guest accounts are never licensed";
            case PROTECTED:
                return "protected users are never changed";
            case DISABLED_ACCOUNT:
                return "disabled accounts get no new licenses";
            case INACTIVE:
                return "no sign-in for longer than the policy's reclaim.inactiveDays";
            case NO_USAGE_LOCATION:
                return "no usage location, and the policy sets none";
            case SKU_SUSPENDED:
                return "the subscription is suspended or locked out";
            case SERVICE_PLAN_CONFLICT:
                return "a service plan of the SKU cannot be assigned with one the user has (Microsoft's list)";
            case NO_SEATS:
                return "waiting for a free seat; a later run assigns it";
        }
        throw new AssertionError(reason);
    }

    /**
     * What the seat table's "free" columns count (JSON's availableBefore/After): the reserve is part of
     * them, so a reader must not take them for what the plan could still assign.
     */
    static final String SEATS_LEGEND = "Free = enabled - consumed (+ seats in warning when settings.countWarningSeats"
            + " is on), reserved seats included: the plan never assigns the reserve, so at most free - reserved are"
            + " assigned.";

    /** Service plan names shown per side of an update, so that one row stays readable. */
    private static final int PLAN_NAMES_SHOWN = 3;

    /**
     * A user's changes, each a short item: {@code +SKU}, {@code ~SKU (on: PLAN; off: PLAN)} (service plans
     * of a held license; "plans changed" when the plan does not say which), {@code -SKU}, {@code usage location XX}.
     */
    static List<String> changeItems(UserChange change) {
        List<String> items = new ArrayList<>();
        for (LicenseAdd add : change.addLicenses()) {
            items.add(change.isNewLicense(add) ? "+" + add.skuPartNumber() : "~" + add.skuPartNumber() + " ("
                    + change.planSwitch(add.skuId()).map(planSwitch -> planSwitch.describe(PLAN_NAMES_SHOWN)).orElse("plans changed") + ")");
        }
        for (LicenseRemoval removal : change.removeLicenses()) {
            items.add("-" + removal.skuPartNumber() + " (" + LifecycleSections.words(removal.reason())
                    + LifecycleSections.atStake(removal.dataAtStake()) + ")");
        }
        if (change.usageLocation() != null) {
            items.add("usage location " + change.usageLocation());
        }
        return items;
    }

    /**
     * Seat notes a reviewer must not miss: SKUs whose consumed units exceed the enabled ones, and seats
     * that removals would free but the removal guard holds back.
     */
    static List<String> seatNotes(Plan plan) {
        List<String> notes = new ArrayList<>();
        for (SkuSeats seats : plan.skus()) {
            if (seats.consumed() > seats.enabled()) {
                notes.add(seats.skuPartNumber() + ": " + seats.consumed() + " seats consumed but only " + seats.enabled()
                        + " enabled, so none is free; new assignments wait until seats are bought or freed");
            }
            if (seats.freedHeld() > 0) {
                notes.add(seats.skuPartNumber() + ": the held removals would free " + count(seats.freedHeld(), "seat")
                        + "; not counted as freed, so " + (seats.waitingForHeldRemovals() == 1 ? "1 user waits" : seats.waitingForHeldRemovals() + " users wait")
                        + " for them");
            }
        }
        return notes;
    }

    /** What the list of license errors means. */
    static String licenseErrorsExplained() {
        return "Graph reports these licenses in error, so the users do not hold them (not counted as held, never touched):"
                + " fix the group's licensing or its seats in Entra, then reprocess the users";
    }

    /** The group of a license error, or "direct". */
    static String errorSource(io.seatwarden.plan.LicenseError error) {
        return error.assignedByGroup() == null ? "direct" : error.assignedByGroup();
    }

    /** Whether any skip of a reason has a detail to show. */
    static boolean hasDetails(List<Skip> skips) {
        return skips.stream().anyMatch(skip -> skip.detail() != null);
    }

    /** What the list of adds waiting for held removals means, and how to let them through. */
    static String heldAddsExplained(Plan plan) {
        int removals = plan.summary().removalGuard().removals();
        return "these users need seats that only the held removals free, so they wait (NO_SEATS) like anyone short of a seat; "
                + "with the limit raised (plan or apply --max-removals " + removals + ") the removals go out and these users get their seats";
    }

    /** The removal guard's verdict in one sentence. */
    static String guard(RemovalGuardVerdict verdict) {
        String limits = "limit " + verdict.maxRemovals()
                + (verdict.maxRemovalsPercent() == null ? "" : ", or " + verdict.maxRemovalsPercent() + "% of a SKU's holders");
        String removals = count(verdict.removals(), "removal");
        if (verdict.wouldTrip()) {
            String waiting = verdict.addsWaiting() == 0 ? ""
                    : verdict.addsWaiting() == 1 ? " and the addition that needs a seat they free"
                    : " and the " + verdict.addsWaiting() + " additions that need seats they free";
            return "would trip: " + verdict.reason() + "; apply would hold back all " + removals + waiting
                    + (verdict.addsWaiting() == 0 ? " (additions still go out)" : " (the other additions still go out)") + "; --max-removals " + verdict.removals()
                    + " lets them through for one run (plan --max-removals " + verdict.removals() + " shows that plan)";
        }
        return "would not trip (" + removals + "; " + limits + ")";
    }

    static String count(int count, String noun) {
        return count + " " + (count == 1 ? noun : noun + "s");
    }
}
