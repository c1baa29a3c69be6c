package io.seatwarden.apply;

import io.seatwarden.apply.graph.GraphFailure;
import io.seatwarden.apply.graph.LicenseWriter;
import io.seatwarden.apply.graph.UserLicenses;
import io.seatwarden.apply.graph.WriteListener;
import io.seatwarden.apply.graph.WriteOperation;
import io.seatwarden.apply.graph.WriteResult;
import io.seatwarden.directory.LicenseAssignment;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.User;
import io.seatwarden.directory.UserId;
import io.seatwarden.plan.LicenseAdd;
import io.seatwarden.plan.LicenseRemoval;
import io.seatwarden.plan.Plan;
import io.seatwarden.plan.RemovalGuardVerdict;
import io.seatwarden.plan.UserChange;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Applies a plan through a {@link LicenseWriter}, journaling every write (intent before it is
 * sent, outcome after) and keeping the ownership records (rule 5) in step.
 *
 * <p>Order, so that seats freed in this run serve the adds that need them (rule 2): usage locations
 * first; then users who only lose licenses; then users who swap (lose some, gain others); then users
 * who only gain. An add Graph refuses for want of seats after removals of this run took effect is
 * tried once more at the end; still refused, the user waits for seats (not an error).
 *
 * <p>A removal guard that trips holds back every removal: a change that only removes is not sent,
 * one that mixes adds and removals keeps its adds.
 */
public final class Applier {
    private final ApplyStore store;
    private final Clock clock;

    public Applier(ApplyStore store, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Settles the writes earlier runs left open (the process died, or the outcome stayed unknown):
     * reads the users back and records what really happened, ownership included. Call before planning,
     * so the plan sees the ownership those writes earned.
     */
    public ApplyResult.Resumed settleEarlierRuns(TenantId tenant, LicenseWriter writer) throws InterruptedException {
        List<JournalEntry> open = store.unsettled(tenant);
        if (open.isEmpty()) {
            return ApplyResult.Resumed.NONE;
        }
        List<UserId> users = new ArrayList<>();
        for (JournalEntry entry : open) {
            users.add(entry.intent().user());
        }
        Map<UserId, Optional<UserLicenses>> states = writer.readBack(users);
        int applied = 0;
        for (JournalEntry entry : open) {
            Optional<UserLicenses> state = states.get(entry.intent().user());
            if (state.isPresent() && operation(entry.intent()).isDoneIn(state.get())) {
                store.settle(entry.id(), EntryStatus.APPLIED, "settled after an interrupted run: reading the user back shows it done",
                        clock.instant());
                recordOwnership(tenant, entry.runId(), entry.intent());
                applied++;
            } else {
                store.settle(entry.id(), EntryStatus.NOT_APPLIED, state.isEmpty()
                        ? "settled after an interrupted run: the user no longer exists"
                        : "settled after an interrupted run: reading the user back shows it not done", clock.instant());
            }
        }
        return new ApplyResult.Resumed(open.size(), applied, open.size() - applied);
    }

    public ApplyResult apply(String runId, TenantSnapshot tenant, Plan plan, RemovalGuardVerdict guard, LicenseWriter writer,
            ApplyProgress progress, ApplyResult.Resumed resumed) throws InterruptedException {
        boolean holdRemovals = guard.wouldTrip();
        List<Tracked> all = new ArrayList<>();
        for (UserChange change : plan.changes()) {
            all.add(new Tracked(change, tenant.user(change.userId()).orElse(null), holdRemovals));
        }
        Journaling journaling = new Journaling(runId, tenant.tenantId(), all, progress);
        progress.started(all.size());
        for (Tracked tracked : all) {
            if (tracked.assign == null) {
                journaling.finish(tracked);
            }
        }

        List<WriteOperation> locations = new ArrayList<>();
        for (Tracked tracked : all) {
            if (tracked.location != null) {
                locations.add(tracked.location);
            }
        }
        writer.write(locations, journaling);

        List<WriteOperation> removalsOnly = new ArrayList<>();
        List<WriteOperation> swaps = new ArrayList<>();
        List<WriteOperation> addsOnly = new ArrayList<>();
        for (Tracked tracked : all) {
            if (tracked.assign == null) {
                continue;
            }
            if (tracked.location != null && !tracked.locationResult.applied()) {
                journaling.finish(tracked);
                continue;
            }
            if (tracked.assign.removesOnly()) {
                removalsOnly.add(tracked.assign);
            } else if (tracked.assign.removeLicenses().isEmpty()) {
                addsOnly.add(tracked.assign);
            } else {
                swaps.add(tracked.assign);
            }
        }
        writer.write(removalsOnly, journaling);
        writer.write(swaps, journaling);
        writer.write(addsOnly, journaling);

        // Seats freed by this run's removals may have arrived after an add was refused for want of them.
        List<WriteOperation> again = new ArrayList<>();
        if (journaling.removalsApplied > 0) {
            for (Tracked tracked : all) {
                if (tracked.assignResult != null && isNoSeats(tracked.assignResult)) {
                    tracked.assignResult = null;
                    again.add(tracked.assign);
                }
            }
        }
        writer.write(again, journaling);
        for (Tracked tracked : all) {
            if (!tracked.finished) {
                journaling.finish(tracked);
            }
        }

        List<ChangeOutcome> outcomes = new ArrayList<>();
        for (Tracked tracked : all) {
            outcomes.add(tracked.outcome());
        }
        outcomes.sort(java.util.Comparator.comparing(ChangeOutcome::userPrincipalName).thenComparing(ChangeOutcome::userId));
        return new ApplyResult(runId, tenant.tenantId(), guard, resumed, outcomes, writer.stats());
    }

    private static boolean isNoSeats(WriteResult result) {
        return result.failure().isPresent() && result.failure().get() instanceof GraphFailure.NoSeats;
    }

    /** Ownership after a license write took effect: new licenses become the engine's, removed ones stop being. */
    private void recordOwnership(TenantId tenant, String runId, JournalIntent intent) {
        if (intent.kind() != WriteKind.ASSIGN_LICENSE) {
            return;
        }
        Set<SkuId> heldBefore = new TreeSet<>();
        for (PriorLicense prior : intent.priorLicenses()) {
            heldBefore.add(prior.skuId());
        }
        for (LicenseAdd add : intent.addLicenses()) {
            if (!heldBefore.contains(add.skuId())) {
                store.recordAssigned(tenant, intent.user(), add.skuId(), runId, clock.instant());
            }
        }
        for (LicenseRemoval removal : intent.removeLicenses()) {
            store.forgetAssigned(tenant, intent.user(), removal.skuId());
        }
    }

    static WriteOperation operation(JournalIntent intent) {
        return switch (intent.kind()) {
            case USAGE_LOCATION -> new WriteOperation.SetUsageLocation(intent.user(), intent.userPrincipalName(), intent.usageLocation());
            case ASSIGN_LICENSE -> new WriteOperation.AssignLicenses(intent.user(), intent.userPrincipalName(), intent.addLicenses(),
                    intent.removeLicenses().stream().map(LicenseRemoval::skuId).toList());
        };
    }

    /** One change on its way through the phases. */
    private static final class Tracked {
        final UserChange change;
        final User before;
        final List<LicenseRemoval> sentRemovals;
        final List<LicenseRemoval> heldRemovals;
        final WriteOperation.SetUsageLocation location;
        final WriteOperation.AssignLicenses assign;
        WriteResult locationResult;
        WriteResult assignResult;
        int attempts;
        boolean finished;

        Tracked(UserChange change, User before, boolean holdRemovals) {
            this.change = change;
            this.before = before;
            this.sentRemovals = holdRemovals ? List.of() : change.removeLicenses();
            this.heldRemovals = holdRemovals ? change.removeLicenses() : List.of();
            boolean writesLicenses = !change.addLicenses().isEmpty() || !sentRemovals.isEmpty();
            this.assign = writesLicenses ? new WriteOperation.AssignLicenses(change.userId(), change.userPrincipalName(), change.addLicenses(),
                    sentRemovals.stream().map(LicenseRemoval::skuId).toList()) : null;
            this.location = writesLicenses && change.usageLocation() != null
                    ? new WriteOperation.SetUsageLocation(change.userId(), change.userPrincipalName(), change.usageLocation()) : null;
        }

        JournalIntent intent(WriteOperation operation) {
            List<PriorLicense> prior = new ArrayList<>();
            if (before != null) {
                Set<SkuId> touched = new TreeSet<>();
                change.addLicenses().forEach(add -> touched.add(add.skuId()));
                sentRemovals.forEach(removal -> touched.add(removal.skuId()));
                for (LicenseAssignment license : before.licenses()) {
                    if (license.isDirect() && touched.contains(license.skuId())) {
                        prior.add(new PriorLicense(license.skuId(), List.copyOf(license.disabledPlans())));
                    }
                }
            }
            String priorLocation = before == null ? null : before.usageLocation();
            if (operation instanceof WriteOperation.SetUsageLocation set) {
                return new JournalIntent(change.userId(), change.userPrincipalName(), WriteKind.USAGE_LOCATION, set.usageLocation(),
                        List.of(), List.of(), priorLocation, List.of());
            }
            return new JournalIntent(change.userId(), change.userPrincipalName(), WriteKind.ASSIGN_LICENSE, null,
                    change.addLicenses(), sentRemovals, priorLocation, prior);
        }

        ChangeOutcome outcome() {
            ChangeStatus status;
            String detail = "";
            boolean readBack = false;
            if (assign == null) {
                status = ChangeStatus.HELD;
                detail = "the removal guard held back every removal of this run";
            } else if (location != null && !locationResult.applied()) {
                status = locationResult.outcomeUnknown() ? ChangeStatus.UNKNOWN : ChangeStatus.FAILED;
                detail = "setting the usage location failed: " + locationResult.failure().orElseThrow().describe();
            } else if (assignResult.applied()) {
                status = ChangeStatus.APPLIED;
                readBack = assignResult.settledByReadBack();
            } else {
                GraphFailure failure = assignResult.failure().orElseThrow();
                status = failure instanceof GraphFailure.NoSeats ? ChangeStatus.WAITING_FOR_SEATS
                        : assignResult.outcomeUnknown() ? ChangeStatus.UNKNOWN : ChangeStatus.FAILED;
                detail = failure.describe();
                readBack = assignResult.settledByReadBack();
            }
            return new ChangeOutcome(change.userId(), change.userPrincipalName(), status, location == null ? null : location.usageLocation(),
                    assign == null ? List.of() : change.addLicenses(), sentRemovals, heldRemovals, detail, attempts, readBack);
        }
    }

    /** Journals writes as the writer sends and settles them, and reports progress per finished change. */
    private final class Journaling implements WriteListener {
        private final String runId;
        private final TenantId tenant;
        private final ApplyProgress progress;
        private final Map<UserId, Tracked> byUser = new HashMap<>();
        private final Map<WriteOperation, JournalEntry> open = new LinkedHashMap<>();
        private final int total;
        private int done;
        int removalsApplied;

        Journaling(String runId, TenantId tenant, List<Tracked> all, ApplyProgress progress) {
            this.runId = runId;
            this.tenant = tenant;
            this.progress = progress;
            this.total = all.size();
            for (Tracked tracked : all) {
                byUser.put(tracked.change.userId(), tracked);
            }
        }

        @Override
        public void sending(List<WriteOperation> operations) {
            List<WriteOperation> fresh = new ArrayList<>();
            List<JournalIntent> intents = new ArrayList<>();
            for (WriteOperation operation : operations) {
                if (operation instanceof WriteOperation.AssignLicenses) {
                    byUser.get(operation.user()).attempts++;
                }
                if (!open.containsKey(operation)) {
                    fresh.add(operation);
                    intents.add(byUser.get(operation.user()).intent(operation));
                }
            }
            if (!intents.isEmpty()) {
                List<JournalEntry> entries = store.recordIntents(runId, tenant, intents, clock.instant());
                for (int i = 0; i < fresh.size(); i++) {
                    open.put(fresh.get(i), entries.get(i));
                }
            }
        }

        @Override
        public void settled(WriteResult result) {
            JournalEntry entry = open.remove(result.operation());
            Tracked tracked = byUser.get(result.operation().user());
            EntryStatus status;
            if (result.applied()) {
                status = EntryStatus.APPLIED;
            } else if (isNoSeats(result)) {
                status = EntryStatus.WAITING_FOR_SEATS;
            } else if (result.outcomeUnknown()) {
                status = EntryStatus.UNKNOWN;
            } else {
                status = EntryStatus.FAILED;
            }
            String detail = result.failure().map(GraphFailure::describe).orElse(result.settledByReadBack()
                    ? "applied (confirmed by reading the user back after an ambiguous failure)" : "applied")
                    + " after " + result.attempts() + (result.attempts() == 1 ? " attempt" : " attempts");
            store.settle(entry.id(), status, detail, clock.instant());
            if (result.operation() instanceof WriteOperation.SetUsageLocation) {
                tracked.locationResult = result;
                return;
            }
            tracked.assignResult = result;
            if (result.applied()) {
                recordOwnership(tenant, runId, entry.intent());
                removalsApplied += entry.intent().removeLicenses().size();
            }
            if (!isNoSeats(result) || removalsApplied == 0) {
                finish(tracked);
            }
        }

        @Override
        public void waiting(Duration duration, String reason) {
            progress.waiting(duration, reason);
        }

        void finish(Tracked tracked) {
            if (!tracked.finished) {
                tracked.finished = true;
                done++;
                progress.changeDone(tracked.outcome(), done, total);
            }
        }
    }
}
