package io.seatwarden.reconcile;

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
import io.seatwarden.reconcile.GraphFailure;
import io.seatwarden.reconcile.LicenseWriter;
import io.seatwarden.reconcile.UserLicenses;
import io.seatwarden.reconcile.WriteListener;
import io.seatwarden.reconcile.WriteOperation;
import io.seatwarden.reconcile.WriteResult;
import io.seatwarden.state.ChangeIntent;
import io.seatwarden.state.ChangeRequest;
import io.seatwarden.state.JournalEntry;
import io.seatwarden.state.JournalOutcome;
import io.seatwarden.state.JournalState;
import io.seatwarden.state.OwnershipDelta;
import io.seatwarden.state.RunCounts;
import io.seatwarden.state.RunId;
import io.seatwarden.state.RunOutcome;
import io.seatwarden.state.RunRecord;
import io.seatwarden.state.Settlement;
import io.seatwarden.state.StateStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Applies a plan through a {@link LicenseWriter}, journaling every change in the state store: all
 * intents before the first write, each marked as being sent just before its batch, each settled
 * (with its ownership change, rule 5) as soon as its outcome is known.
 *
 * <p>Order, so that seats freed in this run serve the adds that need them (rule 2): usage locations
 * first; then users who only lose licenses; then users who swap (lose some, gain others); then users
 * who only gain. An add Graph refuses for want of seats after removals of this run took effect is
 * tried once more at the end; still refused, the user waits for seats (not an error).
 *
 * <p>A removal guard that trips holds back every removal: a change that only removes is not sent
 * (its entry is settled {@code HELD}), one that mixes adds and removals keeps its adds.
 */
public final class Applier {
    private final StateStore state;

    public Applier(StateStore state) {
        this.state = requireNonNull(state, "state is null");
    }

    /**
     * What interrupted earlier runs of a tenant left open, once the entries they marked as sent are settled: the
     * entries still marked pending, for {@link #settleUnsent} against the run's fresh read of the tenant.
     */
    public record EarlierRuns(List<JournalEntry> unsent, int settled, int applied, int notApplied) {
        public static final EarlierRuns NONE = new EarlierRuns(List.of(), 0, 0, 0);

        public EarlierRuns {
            unsent = List.copyOf(unsent);
        }
    }

    /**
     * Settles what interrupted earlier runs of the tenant left open, first step: entries marked as sent are settled
     * by reading their users back (ownership included); those runs are finished as abandoned. Entries still marked
     * pending stay open for {@link #settleUnsent}: a pending mark does not prove a change was never sent, because the
     * embedded H2 file store can lose its last commits when its process is killed (measured: the mark of a batch
     * that went out, and everything after it). Call before reading the tenant.
     */
    public EarlierRuns settleEarlierRuns(TenantId tenant, RunId current, LicenseWriter writer) throws InterruptedException {
        List<JournalEntry> open = state.journal().unfinished(tenant);
        List<UserId> sent = new ArrayList<>();
        List<JournalEntry> unsent = new ArrayList<>();
        for (JournalEntry entry : open) {
            if (entry.state() == JournalState.SENT) {
                sent.add(entry.user());
            } else if (entry.state() == JournalState.PENDING) {
                unsent.add(entry);
            }
        }
        Map<UserId, Optional<UserLicenses>> users = sent.isEmpty() ? Map.of() : writer.readBack(sent);
        int applied = 0;
        int notApplied = 0;
        for (JournalEntry entry : open) {
            if (entry.state() != JournalState.SENT) {
                continue;
            }
            Optional<UserLicenses> user = users.get(entry.user());
            if (user.isPresent() && isDone(entry.request(), user.get())) {
                state.journal().settle(entry.run(), entry.sequence(), JournalOutcome.succeeded(Settlement.READ_BACK, ownershipDelta(entry.request())));
                applied++;
            } else {
                state.journal().settle(entry.run(), entry.sequence(), JournalOutcome.failed(Settlement.READ_BACK, user.isEmpty()
                        ? "interrupted; the user no longer exists"
                        : "interrupted; reading the user back showed it not done; left to run " + current));
                notApplied++;
            }
        }
        for (RunRecord run : state.runs().unfinished(tenant)) {
            if (!run.id().equals(current)) {
                state.runs().finish(run.id(), RunOutcome.ABANDONED, run.counts(),
                        "its process stopped mid-run; run " + current + " settled its unfinished changes");
            }
        }
        return open.isEmpty() ? EarlierRuns.NONE : new EarlierRuns(unsent, open.size() - unsent.size(), applied, notApplied);
    }

    /**
     * Settles what interrupted earlier runs left open, second step: each entry still marked pending against the run's
     * fresh read of the tenant. A change the read shows done was sent (its mark was lost): it succeeded, with its
     * ownership; any other was never sent, or did not take effect, and is superseded by {@code current}, whose plan
     * covers it.
     *
     * @return the counts of both steps, and whether ownership records changed (the caller plans with them reloaded)
     */
    public SettledEarlierRuns settleUnsent(EarlierRuns earlier, TenantSnapshot tenant, RunId current) {
        if (earlier.settled() == 0 && earlier.unsent().isEmpty()) {
            return new SettledEarlierRuns(ApplyResult.Resumed.NONE, false);
        }
        boolean ownershipChanged = false;
        int applied = 0;
        int neverSent = 0;
        for (JournalEntry entry : earlier.unsent()) {
            Optional<User> user = tenant.user(entry.user());
            ChangeRequest request = entry.request();
            boolean changes = !request.addLicenses().isEmpty() || !request.removeLicenses().isEmpty();
            if (changes && user.isPresent() && isDone(request, asRead(user.get()))) {
                OwnershipDelta delta = ownershipDelta(request);
                state.journal().settle(entry.run(), entry.sequence(), JournalOutcome.succeeded(Settlement.READ_BACK, delta));
                ownershipChanged |= !delta.isEmpty();
                applied++;
            } else {
                state.journal().settle(entry.run(), entry.sequence(), JournalOutcome.superseded(current));
                neverSent++;
            }
        }
        ApplyResult.Resumed resumed = new ApplyResult.Resumed(earlier.settled() + earlier.unsent().size(), earlier.applied() + applied,
                earlier.notApplied(), neverSent);
        return new SettledEarlierRuns(resumed, ownershipChanged);
    }

    /** What {@link #settleUnsent} found, for the run's report. */
    public record SettledEarlierRuns(ApplyResult.Resumed resumed, boolean ownershipChanged) {}

    /** A user as the tenant read shows it, in the shape a read-back gives. */
    private static UserLicenses asRead(User user) {
        return new UserLicenses(user.id(), user.usageLocation(), user.licenses());
    }

    /**
     * Applies the plan as run {@code run} (begun in the run history).
     *
     * @param beforeBatch called before each batch goes out (the caller renews its apply lease there)
     */
    public ApplyResult apply(RunId run, TenantSnapshot tenant, Plan plan, RemovalGuardVerdict guard, LicenseWriter writer,
            ApplyProgress progress, ApplyResult.Resumed resumed, Runnable beforeBatch) throws InterruptedException {
        var statsBefore = writer.stats();
        List<Tracked> all = new ArrayList<>();
        TenantNames names = new TenantNames(tenant);
        for (UserChange change : plan.changes()) {
            all.add(new Tracked(all.size() + 1, change, tenant.user(change.userId()).orElse(null), guard.wouldTrip(), names));
        }
        Journaling journaling = new Journaling(run, all, progress, beforeBatch);
        List<ChangeIntent> intents = new ArrayList<>();
        for (Tracked tracked : all) {
            intents.add(new ChangeIntent(tracked.sequence, tracked.change.userId(), tracked.change.userPrincipalName(), tracked.request()));
        }
        state.journal().intend(run, tenant.tenantId(), intents);
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
            if (tracked.assign == null || tracked.finished) {
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

        // Seats this run freed may have come after an add was refused for want of them: one more try.
        if (journaling.removalsApplied > 0) {
            List<WriteOperation> again = new ArrayList<>();
            for (Tracked tracked : all) {
                if (!tracked.finished && tracked.assignResult != null && isNoSeats(tracked.assignResult)) {
                    tracked.assignResult = null;
                    again.add(tracked.assign);
                }
            }
            writer.write(again, journaling);
        }
        retryWithoutRefusedSkus(all, names, writer, journaling);
        for (Tracked tracked : all) {
            journaling.finish(tracked);
        }

        List<ChangeOutcome> outcomes = new ArrayList<>();
        for (Tracked tracked : all) {
            outcomes.add(tracked.outcome());
        }
        outcomes.sort(Comparator.comparing(ChangeOutcome::userPrincipalName).thenComparing(ChangeOutcome::userId));
        return new ApplyResult(run, tenant.tenantId(), guard, resumed, outcomes, writer.stats().minus(statsBefore));
    }

    /**
     * Rule 10: a user's call Graph refused for some of its SKUs goes again without them (one round per
     * part, since a batch holds one call per user), and refused removals are checked by reading the users back.
     */
    private static void retryWithoutRefusedSkus(List<Tracked> all, TenantNames names, LicenseWriter writer, Journaling journaling)
            throws InterruptedException {
        List<Tracked> splitting = new ArrayList<>();
        for (Tracked tracked : all) {
            if (!tracked.finished && tracked.assignResult != null && tracked.assignResult.failure().isPresent()
                    && tracked.assignResult.failure().get() instanceof GraphFailure.Refusal refusal) {
                tracked.split = SkuSplit.after(tracked.assign, refusal, names);
                splitting.add(tracked);
            }
        }
        while (!splitting.isEmpty()) {
            List<WriteOperation> round = new ArrayList<>();
            for (Tracked tracked : splitting) {
                tracked.split.next().ifPresent(round::add);
            }
            writer.write(round, journaling);
            verifyRefusedRemovals(splitting, writer);
            splitting.removeIf(tracked -> round.stream().noneMatch(operation -> operation.user().equals(tracked.change.userId())));
        }
    }

    private static void verifyRefusedRemovals(List<Tracked> splitting, LicenseWriter writer) throws InterruptedException {
        Map<UserId, java.util.function.Predicate<UserLicenses>> gone = new HashMap<>();
        for (Tracked tracked : splitting) {
            Set<SkuId> removals = tracked.split.toVerify();
            if (!removals.isEmpty()) {
                Set<SkuId> checked = Set.copyOf(removals);
                gone.put(tracked.change.userId(), user -> checked.stream().allMatch(sku -> user.direct(sku).isEmpty()));
            }
        }
        if (gone.isEmpty()) {
            return;
        }
        Map<UserId, Optional<UserLicenses>> read;
        try {
            read = writer.readBackUntil(gone);
        } catch (GraphReadBackException e) {
            read = Map.of();
        }
        for (Tracked tracked : splitting) {
            if (tracked.split.toVerify().isEmpty()) {
                continue;
            }
            Optional<UserLicenses> user = read.getOrDefault(tracked.change.userId(), Optional.empty());
            if (user.isPresent()) {
                tracked.split.verified(user.get());
            } else {
                tracked.split.unverifiable();
            }
        }
    }

    /** Counts for the run history. */
    static RunCounts counts(ApplyResult result, Plan plan, SeatShortage shortage) {
        int held = 0;
        for (ChangeOutcome outcome : result.changes()) {
            held += outcome.heldRemovals().size();
        }
        return new RunCounts(result.changes().size(), (int) result.count(ChangeStatus.APPLIED),
                (int) (result.count(ChangeStatus.FAILED) + result.count(ChangeStatus.PARTIAL) + result.count(ChangeStatus.UNKNOWN)),
                shortage.users(), held, plan.skipped().size());
    }

    private static boolean isNoSeats(WriteResult result) {
        return result.failure().isPresent() && result.failure().get() instanceof GraphFailure.NoSeats;
    }

    /** True when the user as read back shows the whole request done. */
    static boolean isDone(ChangeRequest request, UserLicenses user) {
        if (request.usageLocation() != null && !request.usageLocation().equalsIgnoreCase(String.valueOf(user.usageLocation()))) {
            return false;
        }
        if (request.addLicenses().isEmpty() && request.removeLicenses().isEmpty()) {
            return true;
        }
        return new WriteOperation.AssignLicenses(user.user(), "", request.addLicenses(),
                request.removeLicenses().stream().map(LicenseRemoval::skuId).toList()).isDoneIn(user);
    }

    /** New licenses become the engine's; removed ones stop being. Disabled-plan updates of a held license change neither. */
    static OwnershipDelta ownershipDelta(ChangeRequest request) {
        Set<SkuId> heldBefore = new TreeSet<>();
        for (LicenseAdd previous : request.previousLicenses()) {
            heldBefore.add(previous.skuId());
        }
        List<SkuId> assigned = new ArrayList<>();
        for (LicenseAdd add : request.addLicenses()) {
            if (!heldBefore.contains(add.skuId())) {
                assigned.add(add.skuId());
            }
        }
        List<SkuId> removed = new ArrayList<>();
        for (LicenseRemoval removal : request.removeLicenses()) {
            removed.add(removal.skuId());
        }
        return new OwnershipDelta(assigned, removed);
    }

    /** One change on its way through the phases. */
    private static final class Tracked {
        final int sequence;
        final TenantNames names;
        final UserChange change;
        final User before;
        final List<LicenseRemoval> sentRemovals;
        final List<LicenseRemoval> heldRemovals;
        final WriteOperation.SetUsageLocation location;
        final WriteOperation.AssignLicenses assign;
        WriteResult locationResult;
        WriteResult assignResult;
        /** Set when Graph refused some SKUs of the call and the rest goes again without them. */
        SkuSplit split;
        int attempts;
        boolean finished;

        Tracked(int sequence, UserChange change, User before, boolean holdRemovals, TenantNames names) {
            this.sequence = sequence;
            this.names = names;
            this.change = change;
            this.before = before;
            this.sentRemovals = holdRemovals ? List.of() : change.removeLicenses();
            this.heldRemovals = holdRemovals ? change.removeLicenses() : List.of();
            boolean writesLicenses = !change.addLicenses().isEmpty() || !sentRemovals.isEmpty();
            this.assign = writesLicenses ? new WriteOperation.AssignLicenses(change.userId(), change.userPrincipalName(),
                    change.addLicenses(), sentRemovals.stream().map(LicenseRemoval::skuId).toList()) : null;
            this.location = writesLicenses && change.usageLocation() != null
                    ? new WriteOperation.SetUsageLocation(change.userId(), change.userPrincipalName(), change.usageLocation()) : null;
        }

        /** What this change sends (removals the guard holds are left out), and what it replaces. */
        ChangeRequest request() {
            List<LicenseAdd> previous = new ArrayList<>();
            if (before != null) {
                Map<SkuId, String> names = new HashMap<>();
                change.addLicenses().forEach(add -> names.put(add.skuId(), add.skuPartNumber()));
                sentRemovals.forEach(removal -> names.put(removal.skuId(), removal.skuPartNumber()));
                for (LicenseAssignment license : before.licenses()) {
                    if (license.isDirect() && names.containsKey(license.skuId())) {
                        previous.add(new LicenseAdd(license.skuId(), names.get(license.skuId()), List.copyOf(license.disabledPlans())));
                    }
                }
            }
            String location = assign == null ? null : change.usageLocation();
            String previousLocation = location == null || before == null ? null : before.usageLocation();
            return new ChangeRequest(location, assign == null ? List.of() : change.addLicenses(), sentRemovals, change.policies(),
                    previous, previousLocation);
        }

        ChangeOutcome outcome() {
            ChangeStatus status;
            String detail = "";
            boolean readBack = false;
            if (assign == null) {
                status = ChangeStatus.HELD;
                detail = "the removal guard held back every removal of this run";
            } else if (location != null && (locationResult == null || !locationResult.applied())) {
                status = locationResult == null || locationResult.outcomeUnknown() ? ChangeStatus.UNKNOWN : ChangeStatus.FAILED;
                detail = "setting the usage location failed"
                        + (locationResult == null ? "" : ": " + locationResult.failure().orElseThrow().describe(names));
            } else if (split != null) {
                return splitOutcome();
            } else if (assignResult == null) {
                status = ChangeStatus.UNKNOWN;
                detail = "not settled";
            } else if (assignResult.applied()) {
                status = ChangeStatus.APPLIED;
                readBack = assignResult.settledByReadBack();
            } else {
                GraphFailure failure = assignResult.failure().orElseThrow();
                status = failure instanceof GraphFailure.NoSeats ? ChangeStatus.WAITING_FOR_SEATS
                        : assignResult.outcomeUnknown() ? ChangeStatus.UNKNOWN : ChangeStatus.FAILED;
                detail = failure.describe(names);
                readBack = assignResult.settledByReadBack();
            }
            return new ChangeOutcome(change.userId(), change.userPrincipalName(), status, location == null ? null : location.usageLocation(),
                    assign == null ? List.of() : change.addLicenses(), sentRemovals, heldRemovals, detail, attempts, readBack, List.of());
        }

        /** The outcome when the call went again without the SKUs Graph refused: what landed, and what was refused. */
        private ChangeOutcome splitOutcome() {
            List<LicenseAdd> landedAdds = split.landedAdds();
            List<SkuId> landedRemovalIds = split.landedRemovals();
            List<LicenseRemoval> landedRemovals = sentRemovals.stream().filter(removal -> landedRemovalIds.contains(removal.skuId())).toList();
            List<RefusedLicense> refused = split.refused();
            boolean landed = !landedAdds.isEmpty() || !landedRemovals.isEmpty();
            ChangeStatus status;
            if (refused.isEmpty()) {
                status = ChangeStatus.APPLIED;
            } else if (split.onlyWaitingForSeats()) {
                status = ChangeStatus.WAITING_FOR_SEATS;
            } else {
                status = landed ? ChangeStatus.PARTIAL : ChangeStatus.FAILED;
            }
            List<String> details = new ArrayList<>();
            refused.forEach(license -> details.add(license.describe()));
            for (SkuId sku : split.alreadyRemoved()) {
                details.add("-" + partNumber(sku) + " was already gone (as intended)");
            }
            boolean sentAsIs = !landed;
            return new ChangeOutcome(change.userId(), change.userPrincipalName(), status, location == null ? null : location.usageLocation(),
                    sentAsIs ? change.addLicenses() : landedAdds, sentAsIs ? sentRemovals : landedRemovals, heldRemovals,
                    String.join("; ", details), attempts, assignResult.settledByReadBack(), refused);
        }

        private String partNumber(SkuId sku) {
            return sentRemovals.stream().filter(removal -> removal.skuId().equals(sku)).map(LicenseRemoval::skuPartNumber).findFirst()
                    .orElse(sku.toString());
        }

        /** Ownership for what landed of a split call: new licenses become the engine's, removed ones stop being. */
        OwnershipDelta landedOwnership(ChangeOutcome outcome) {
            Set<SkuId> heldBefore = new TreeSet<>();
            for (LicenseAdd previous : request().previousLicenses()) {
                heldBefore.add(previous.skuId());
            }
            List<SkuId> assigned = new ArrayList<>();
            for (LicenseAdd add : split.landedAdds()) {
                if (!heldBefore.contains(add.skuId())) {
                    assigned.add(add.skuId());
                }
            }
            return new OwnershipDelta(assigned, split.landedRemovals());
        }

        JournalOutcome journalOutcome(ChangeOutcome outcome, ChangeRequest request) {
            Settlement settlement = outcome.settledByReadBack() ? Settlement.READ_BACK : Settlement.RESPONSE;
            OwnershipDelta landed = split == null ? OwnershipDelta.none() : landedOwnership(outcome);
            return switch (outcome.status()) {
                case APPLIED -> JournalOutcome.succeeded(settlement, split == null ? ownershipDelta(request) : landed);
                case FAILED -> JournalOutcome.failed(settlement, outcome.detail());
                case PARTIAL -> JournalOutcome.partlyFailed(settlement, outcome.detail(), landed);
                case WAITING_FOR_SEATS -> JournalOutcome.waitingForSeats(settlement, outcome.detail(), landed);
                case HELD -> JournalOutcome.held(outcome.detail());
                case UNKNOWN -> throw new IllegalStateException("an unknown outcome stays open for the next run");
            };
        }
    }

    /** Journals writes as the writer sends and settles them, and reports progress per finished change. */
    private final class Journaling implements WriteListener {
        private final RunId run;
        private final ApplyProgress progress;
        private final Runnable beforeBatch;
        private final Map<UserId, Tracked> byUser = new HashMap<>();
        private final int total;
        private int done;
        int removalsApplied;

        Journaling(RunId run, List<Tracked> all, ApplyProgress progress, Runnable beforeBatch) {
            this.run = run;
            this.progress = progress;
            this.beforeBatch = beforeBatch;
            this.total = all.size();
            for (Tracked tracked : all) {
                byUser.put(tracked.change.userId(), tracked);
            }
        }

        @Override
        public void sending(List<WriteOperation> operations) {
            beforeBatch.run();
            List<Integer> sequences = new ArrayList<>();
            for (WriteOperation operation : operations) {
                Tracked tracked = byUser.get(operation.user());
                if (operation instanceof WriteOperation.AssignLicenses) {
                    tracked.attempts++;
                }
                sequences.add(tracked.sequence);
            }
            state.journal().sending(run, sequences);
        }

        @Override
        public void settled(WriteResult result) {
            Tracked tracked = byUser.get(result.operation().user());
            if (result.operation() instanceof WriteOperation.SetUsageLocation) {
                tracked.locationResult = result;
                if (!result.applied()) {
                    finish(tracked);
                }
                return;
            }
            if (tracked.split != null) {
                tracked.split.settled(result);
                return;
            }
            tracked.assignResult = result;
            if (result.applied()) {
                removalsApplied += tracked.sentRemovals.size();
            }
            // A refusal waits: seats freed later in the run, or the call without the refused SKUs, may still land.
            boolean refused = result.failure().isPresent() && result.failure().get() instanceof GraphFailure.Refusal;
            if (!refused) {
                finish(tracked);
            }
        }

        @Override
        public void waiting(Duration duration, String reason) {
            progress.waiting(duration, reason);
        }

        void finish(Tracked tracked) {
            if (tracked.finished) {
                return;
            }
            tracked.finished = true;
            ChangeOutcome outcome = tracked.outcome();
            if (outcome.status() != ChangeStatus.UNKNOWN) {
                state.journal().settle(run, tracked.sequence, tracked.journalOutcome(outcome, tracked.request()));
            }
            done++;
            progress.changeDone(outcome, done, total);
        }
    }
}
