package io.seatwarden.reconcile;

import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.directory.DirectoryReadException;
import io.seatwarden.directory.ReadScope;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.plan.Lifecycle;
import io.seatwarden.plan.Ownership;
import io.seatwarden.plan.Plan;
import io.seatwarden.plan.Planner;
import io.seatwarden.plan.ReadScopes;
import io.seatwarden.plan.RemovalGuardVerdict;
import io.seatwarden.plan.RemovalLimits;
import io.seatwarden.plan.Resolution;
import io.seatwarden.plan.Resolver;
import io.seatwarden.policy.PolicyProblem;
import io.seatwarden.policy.PolicySet;
import io.seatwarden.policy.Settings;
import io.seatwarden.state.Lease;
import io.seatwarden.state.RunCounts;
import io.seatwarden.state.RunId;
import io.seatwarden.state.RunOutcome;
import io.seatwarden.state.RunRecord;
import io.seatwarden.state.StateException;
import io.seatwarden.state.StateStore;
import io.seatwarden.state.StateStores;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * The one reconcile pipeline. {@code plan} is its dry run; {@code apply}, {@code undo} and the
 * scheduled run are its wet runs. Read scope, ownership, resolution, planning and the removal
 * guard's verdict are decided here, in {@link #decide}, and nowhere else: what a reviewer reads in
 * the plan is what an apply of the same tenant, policies and state does.
 *
 * <pre>{@code
 * ReconcileRun reconcile = new ReconcileRun(stateStore, catalog, clock);
 * RunResult planned = reconcile.run(RunRequest.unattended(connection, policies, RunOptions.plan()));
 * RunResult applied = reconcile.run(RunRequest.unattended(connection, policies, RunOptions.apply()));
 * }</pre>
 *
 * <p>A wet run, in order: ask the tenant its id; take the tenant's lease (while another run holds
 * it, wait up to {@link RunOptions#leaseWait()}, then refuse); begin a run in the history; settle
 * what interrupted earlier runs left open, by reading those users back; decide (load ownership and
 * pending removals, read the tenant in the scope they and the policies give, resolve, plan, judge
 * the guard); check a saved plan still matches; ask for confirmation; record adoptions and pending
 * removals; apply, renewing the lease before each batch; finish the run. Nothing the plan is made
 * from is read before the lease is held, so no run applies a plan read while another run wrote.
 * A dry run asks the id and decides the same way, holding no lease and writing nothing; it needs no
 * state (then nothing counts as the engine's, and the plan says so).
 *
 * <p>Never throws for a tenant's trouble (an unreadable tenant, bad policies): those are
 * {@link RunOutcome#FAILED} results. Thread-safe: runs of different tenants may go concurrently.
 */
public final class ReconcileRun {
    /** Long enough to outlast a Retry-After or a full write window (150 s); renewed before every batch. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);
    /** How often a run waiting for the tenant's lease asks again. */
    static final Duration LEASE_POLL = Duration.ofMillis(250);

    private final Optional<StateStore> state;
    private final ProductCatalog catalog;
    private final Clock clock;
    private final Duration lease;
    private final StateStores.Pause pause;

    public ReconcileRun(StateStore state, ProductCatalog catalog, Clock clock) {
        this(state, catalog, clock, DEFAULT_LEASE);
    }

    public ReconcileRun(StateStore state, ProductCatalog catalog, Clock clock, Duration lease) {
        this(Optional.of(requireNonNull(state, "state is null")), catalog, clock, lease, StateStores.Pause.system());
    }

    /**
     * @param state empty for dry runs planned without a state database (nothing counts as the engine's)
     * @param pause how a run waiting for the tenant's lease waits between two attempts
     */
    public ReconcileRun(Optional<StateStore> state, ProductCatalog catalog, Clock clock, Duration lease, StateStores.Pause pause) {
        this.state = requireNonNull(state, "state is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.lease = requireNonNull(lease, "lease is null");
        this.pause = requireNonNull(pause, "pause is null");
    }

    /** For dry runs without a state database ({@code plan} before any apply). */
    public static ReconcileRun withoutState(ProductCatalog catalog, Clock clock) {
        return new ReconcileRun(Optional.empty(), catalog, clock, DEFAULT_LEASE, StateStores.Pause.system());
    }

    /** Reconciles the tenant with the request's policies: a dry run when {@code options.dryRun()}, else a wet one. */
    public RunResult run(RunRequest request) {
        RunResult result = guarded(() -> execute(request, policyPlanning(request)));
        state.ifPresent(store -> SeatHistoryRecords.record(store, clock.instant(), request.options(), result));
        return result;
    }

    /**
     * Puts back what run {@code undone} changed: plans the inverse from its journal and the tenant as
     * it is now (see {@link UndoPlanner}), with the policies' {@code settings} (reserve, seats in
     * warning, guard limits; {@code --max-removals} as for any run), and applies it as a run of kind
     * {@code UNDO} unless {@code options.dryRun()}. The policies are not changed: the next scheduled
     * run re-applies what they still ask for (the undo plan says so).
     */
    public RunResult undo(RunId undone, TenantConnection tenant, Settings settings, RunOptions options, Confirmation confirmation,
            ApplyProgress progress) {
        RunRequest request = new RunRequest(tenant, new PolicySet(List.of(), settings), options, confirmation, progress);
        return guarded(() -> execute(request, undoPlanning(undone, settings)));
    }

    // ------------------------------------------------------------------ how a run gets its plan

    /** How a run gets its plan: from the policies, or from a journal (undo). */
    private interface Planning {
        /** The part of the tenant to read, given what the engine owns there. */
        ReadScope scope(Ownership ownership);

        Outcome plan(TenantSnapshot tenant, Ownership ownership, RemovalLimits limits, Lifecycle lifecycle);

        /** A plan, or the result that stops the run. */
        record Outcome(Optional<Plan> plan, Optional<RunResult> failure) {
            static Outcome of(Plan plan) {
                return new Outcome(Optional.of(plan), Optional.empty());
            }

            static Outcome failed(RunResult failure) {
                return new Outcome(Optional.empty(), Optional.of(failure));
            }
        }
    }

    private Planning policyPlanning(RunRequest request) {
        PolicySet policies = request.policies();
        return new Planning() {
            @Override
            public ReadScope scope(Ownership ownership) {
                return ReconcileRun.scope(policies, ownership);
            }

            @Override
            public Outcome plan(TenantSnapshot tenant, Ownership ownership, RemovalLimits limits, Lifecycle lifecycle) {
                Resolution resolution = new Resolver(catalog).resolve(policies, tenant);
                if (!resolution.isSuccess()) {
                    return Outcome.failed(notMatching(resolution.problems()));
                }
                // The run's limits go into planning: whether removals go out decides which adds have seats (rule 9).
                return Outcome.of(new Planner().plan(resolution.orThrow(), tenant, ownership, limits, lifecycle));
            }
        };
    }

    private Planning undoPlanning(RunId undone, Settings settings) {
        return new Planning() {
            @Override
            public ReadScope scope(Ownership ownership) {
                return ReadScope.all(); // users the run changed may be in no group now
            }

            @Override
            public Outcome plan(TenantSnapshot snapshot, Ownership ownership, RemovalLimits limits, Lifecycle lifecycle) {
                StateStore store = state.orElseThrow(() -> new IllegalStateException("undo needs the state database holding the run's journal"));
                Optional<RunRecord> found = store.runs().find(undone);
                if (found.isEmpty()) {
                    return Outcome.failed(RunResult.failed("no run " + undone + " in the state database " + store.config().redactedUrl()));
                }
                if (!found.get().tenant().equals(Optional.of(snapshot.tenantId()))) {
                    return Outcome.failed(RunResult.failed("run " + undone + " changed tenant " + found.get().tenantName() + ", not "
                            + snapshot.tenantId()));
                }
                // The settings' references (reserve) resolve against the tenant as the policies' do.
                Resolution resolution = new Resolver(catalog).resolve(new PolicySet(List.of(), settings), snapshot);
                if (!resolution.isSuccess()) {
                    return Outcome.failed(notMatching(resolution.problems()));
                }
                return Outcome.of(new UndoPlanner().plan(undone, store.journal().entries(undone), snapshot, settings,
                        resolution.orThrow().reserve(), limits));
            }
        };
    }

    private static RunResult notMatching(List<PolicyProblem> problems) {
        return new RunResult(RunOutcome.FAILED, "the policies do not match the tenant (" + PolicyProblem.count(problems.size()) + ")",
                Optional.empty(), Optional.empty(), Optional.empty(), problems, List.of());
    }

    /**
     * What a run reads: the groups the policies name, the SKUs they grant or reserve, and the SKUs of
     * licenses the engine assigned, whose holders must be read even when no policy names the SKU any
     * more (a deleted policy's licenses are the engine's to remove, rule 5).
     */
    static ReadScope scope(PolicySet policies, Ownership ownership) {
        Set<String> more = new TreeSet<>(policies.settings().reserve().keySet());
        for (Ownership.Key key : ownership.keys()) {
            more.add(key.sku().toString());
        }
        return ReadScopes.withSkus(ReadScopes.of(policies), more);
    }

    // ------------------------------------------------------------------ the pipeline

    private interface Work {
        RunResult run() throws InterruptedException;
    }

    private RunResult guarded(Work work) {
        try {
            return work.run();
        } catch (DirectoryReadException e) {
            return RunResult.failed("cannot read the tenant: " + e.getMessage());
        } catch (GraphReadBackException e) {
            return RunResult.failed("cannot settle an interrupted earlier run: " + e.getMessage());
        } catch (StateException e) {
            return RunResult.failed("state database: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RunResult.failed("interrupted; the next run settles what was in flight");
        }
    }

    private RunResult execute(RunRequest request, Planning planning) throws InterruptedException {
        request.progress().readingTenant();
        TenantId tenantId = request.tenant().reader().tenantId();
        if (request.options().dryRun()) {
            return dryRun(request, planning, tenantId);
        }
        StateStore store = state.orElseThrow(() -> new IllegalStateException("a wet run needs the state database"));
        Optional<Lease> acquired = acquire(store, request, tenantId);
        if (acquired.isEmpty()) {
            return refusedBusy(store, request, tenantId);
        }
        AtomicReference<Lease> held = new AtomicReference<>(acquired.get());
        try {
            return applyLocked(store, request, planning, tenantId, held);
        } finally {
            store.locks().release(held.get());
        }
    }

    /** What {@link #decide} gives: a decision to act on, or the result that stops the run. */
    private sealed interface Decided permits Decision, Stopped {}

    /** What a run decided: the tenant as read (in the run's scope), and the plan with the guard's verdict. */
    private record Decision(TenantSnapshot tenant, Plan plan, RemovalGuardVerdict guard) implements Decided {}

    private record Stopped(RunResult result) implements Decided {}

    /**
     * The one place a run's plan is made, for dry and wet runs alike: ownership and pending removals
     * from the state (none without one), the read in the scope they and the planning give, the
     * lifecycle's time, the guard's limits, the plan, and the guard's verdict on it.
     */
    private Decided decide(RunRequest request, Planning planning, TenantId tenantId) {
        return decide(request, planning, tenantId, tenant -> false);
    }

    /**
     * Reads the tenant and plans. {@code afterRead} sees the read first and says whether it changed the ownership
     * records (settling an interrupted run's changes); if so they are loaded again, and the tenant read again only
     * when that changes what must be read.
     */
    private Decided decide(RunRequest request, Planning planning, TenantId tenantId, Predicate<TenantSnapshot> afterRead) {
        Ownership ownership = state.map(store -> store.assignments().load(tenantId)).orElse(Ownership.none());
        Map<Ownership.Key, Instant> pending = state.map(store -> store.pendingRemovals().load(tenantId)).orElse(Map.of());
        RunReads reads = RunReads.of(request, state.map(StateStore::snapshots), clock);
        ReadScope scope = planning.scope(ownership);
        TenantSnapshot tenant = readAs(reads, scope, tenantId);
        if (afterRead.test(tenant)) {
            ownership = state.map(store -> store.assignments().load(tenantId)).orElse(Ownership.none());
            ReadScope wider = planning.scope(ownership);
            if (!wider.equals(scope)) {
                tenant = readAs(reads, wider, tenantId);
            }
        }
        request.progress().tenantRead(tenant);
        Lifecycle lifecycle = Lifecycle.at(clock.instant()).withPending(pending);
        if (request.options().asOf().isPresent()) {
            lifecycle = lifecycle.asOf(request.options().asOf().get());
        }
        RemovalLimits limits = RemovalLimits.of(request.policies().settings(), request.options().maxRemovals());
        Planning.Outcome outcome = planning.plan(tenant, ownership, limits, lifecycle);
        if (outcome.plan().isEmpty()) {
            return new Stopped(outcome.failure().orElseThrow());
        }
        Plan plan = reads.annotate(outcome.plan().get());
        return new Decision(tenant, plan, ApplyGuard.verdict(plan, request.policies().settings(), request.options().maxRemovals()));
    }

    private static TenantSnapshot readAs(RunReads reads, ReadScope scope, TenantId tenantId) {
        TenantSnapshot tenant = reads.reader().read(scope);
        if (!tenant.tenantId().equals(tenantId)) {
            throw new DirectoryReadException("the endpoint answered as tenant " + tenantId + " and then read as " + tenant.tenantId());
        }
        return tenant;
    }

    private RunResult dryRun(RunRequest request, Planning planning, TenantId tenantId) {
        Decided decided = decide(request, planning, tenantId);
        if (decided instanceof Stopped stopped) {
            return stopped.result();
        }
        Plan plan = ((Decision) decided).plan();
        return new RunResult(RunOutcome.PLANNED, plan.hasChanges() ? plan.changes().size() + " users to change" : "nothing to change",
                Optional.of(plan), Optional.empty(), Optional.empty(), List.of(), List.of());
    }

    private RunResult refusedBusy(StateStore store, RunRequest request, TenantId tenantId) {
        String holder = store.locks().holder(tenantId).map(held -> " by " + held.owner() + " since " + held.acquiredAt()).orElse("");
        Duration waited = request.options().leaseWait();
        return new RunResult(RunOutcome.REFUSED, "another apply of tenant " + tenantId + " is running" + holder
                + " (it holds the tenant's lease in the state database)"
                + (waited.isZero() ? "" : "; waited " + waited.toSeconds() + " s for it")
                + "; nothing was read or applied: try again when it has finished",
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of());
    }

    private RunResult applyLocked(StateStore store, RunRequest request, Planning planning, TenantId tenantId, AtomicReference<Lease> held)
            throws InterruptedException {
        RunOptions options = request.options();
        RunId run = options.runId().map(id -> store.runs().begin(id, tenantId, options.kind(), node()))
                .orElseGet(() -> store.runs().begin(tenantId, options.kind(), node())).id();
        Applier applier = new Applier(store);
        ApplyResult.Resumed resumed;
        Decision decision;
        try {
            Applier.EarlierRuns earlier = applier.settleEarlierRuns(tenantId, run, request.tenant().writer());
            AtomicReference<ApplyResult.Resumed> settled = new AtomicReference<>(ApplyResult.Resumed.NONE);
            Decided decided = decide(request, planning, tenantId, tenant -> {
                Applier.SettledEarlierRuns result = applier.settleUnsent(earlier, tenant, run);
                settled.set(result.resumed());
                return result.ownershipChanged();
            });
            resumed = settled.get();
            if (decided instanceof Stopped stopped) {
                finish(store, run, stopped.result().outcome(), RunCounts.none(), stopped.result().message());
                return stopped.result().withRunId(run);
            }
            decision = (Decision) decided;
        } catch (DirectoryReadException e) {
            String message = "cannot read the tenant: " + e.getMessage();
            finish(store, run, RunOutcome.FAILED, RunCounts.none(), message);
            return RunResult.failed(message).withRunId(run);
        } catch (InterruptedException | RuntimeException e) {
            finish(store, run, RunOutcome.FAILED, RunCounts.none(), "stopped before applying: " + e.getMessage());
            throw e;
        }
        Plan plan = decision.plan();
        RemovalGuardVerdict guard = decision.guard();
        Settings settings = request.policies().settings();
        if (options.expectedPlan().isPresent()) {
            List<String> differences = options.expectedPlan().get().differences(plan);
            if (!differences.isEmpty()) {
                String message = "the tenant changed since the saved plan was made (" + differences.size()
                        + (differences.size() == 1 ? " difference" : " differences") + "); nothing applied: plan again and review";
                finish(store, run, RunOutcome.REFUSED, RunCounts.none(), message);
                return new RunResult(RunOutcome.REFUSED, message, Optional.of(plan), Optional.empty(), Optional.of(run), List.of(), differences);
            }
        }
        if (!plan.hasChanges()) {
            PendingRemovalRecords.record(store, tenantId, plan, settings);
            SeatShortage shortage = SeatShortage.of(plan, Optional.empty(), catalog);
            String message = "nothing to change" + shortage.note() + PendingRemovalRecords.note(plan) + resumedNote(resumed);
            finish(store, run, RunOutcome.NOTHING_TO_DO, new RunCounts(0, 0, 0, shortage.users(), 0, plan.skipped().size()), message);
            return new RunResult(RunOutcome.NOTHING_TO_DO, message, Optional.of(plan), Optional.empty(), Optional.of(run), List.of(), List.of());
        }
        if (!request.confirmation().confirm(plan, guard)) {
            finish(store, run, RunOutcome.DECLINED, RunCounts.none(), "not confirmed");
            return new RunResult(RunOutcome.DECLINED, "not applied: not confirmed", Optional.of(plan), Optional.empty(), Optional.of(run),
                    List.of(), List.of());
        }
        // Adoptions need no Graph write: recorded once confirmed, they make the licenses the engine's (rule 5).
        Adoptions.record(store, tenantId, run, plan);
        PendingRemovalRecords.record(store, tenantId, plan, settings);
        ApplyResult result;
        try {
            result = applier.apply(run, decision.tenant(), plan, guard, request.tenant().writer(), request.progress(), resumed, () -> {
                if (request.stopRequested().getAsBoolean()) {
                    throw new StopRequested();
                }
                renew(store, held);
            });
        } catch (StopRequested e) {
            String message = "stopped on request between two batches; the next run continues";
            finish(store, run, RunOutcome.INTERRUPTED, RunCounts.none(), message);
            return new RunResult(RunOutcome.INTERRUPTED, message, Optional.of(plan), Optional.empty(), Optional.of(run), List.of(), List.of());
        } catch (InterruptedException | RuntimeException e) {
            finish(store, run, e instanceof InterruptedException ? RunOutcome.INTERRUPTED : RunOutcome.FAILED, RunCounts.none(),
                    "stopped while applying: " + e.getMessage() + "; the next run settles what was in flight");
            throw e;
        }
        RunOutcome outcome = outcome(result);
        SeatShortage shortage = SeatShortage.of(plan, Optional.of(result), catalog);
        String message = message(result, outcome, shortage) + Adoptions.note(plan) + PendingRemovalRecords.note(plan) + resumedNote(resumed);
        finish(store, run, outcome, Applier.counts(result, plan, shortage), message);
        return new RunResult(outcome, message, Optional.of(plan), Optional.of(result), Optional.of(run), List.of(), List.of());
    }

    /** Unwinds an apply asked to stop, from the writer's last stop point (before a batch). */
    private static final class StopRequested extends RuntimeException {
        StopRequested() {
            super("stop requested", null, false, false);
        }
    }

    private static void finish(StateStore store, RunId run, RunOutcome outcome, RunCounts counts, String message) {
        store.runs().finish(run, outcome, counts, message);
    }

    // ------------------------------------------------------------------ the tenant's lease

    /**
     * Takes the tenant's lease, waiting up to the run's {@link RunOptions#leaseWait()} while another
     * run holds it (saying so once, through the progress). A lease left by a process of this machine
     * that no longer runs (it was killed mid-apply) is taken over at once rather than waited out. The
     * wait is counted in pauses, not by the clock, so it stays bounded whatever the clock does.
     */
    private Optional<Lease> acquire(StateStore store, RunRequest request, TenantId tenant) throws InterruptedException {
        Duration limit = request.options().leaseWait();
        Duration waited = Duration.ZERO;
        boolean announced = false;
        while (true) {
            Optional<Lease> taken = store.locks().tryAcquire(tenant, owner(), lease);
            if (taken.isPresent()) {
                return taken;
            }
            Optional<Lease> holder = store.locks().holder(tenant);
            if (holder.isPresent() && isDeadLocalProcess(holder.get().owner())) {
                Optional<Lease> takenOver = store.locks().takeOver(holder.get(), owner(), lease);
                if (takenOver.isPresent()) {
                    return takenOver;
                }
                continue;
            }
            if (waited.compareTo(limit) >= 0 || request.stopRequested().getAsBoolean()) {
                return Optional.empty();
            }
            if (!announced) {
                request.progress().waitingForLease(holder.map(held -> held.owner() + " since " + held.acquiredAt()).orElse("another run"),
                        limit);
                announced = true;
            }
            Duration step = limit.minus(waited).compareTo(LEASE_POLL) < 0 ? limit.minus(waited) : LEASE_POLL;
            pause.pause(step);
            waited = waited.plus(step);
        }
    }

    private void renew(StateStore store, AtomicReference<Lease> held) {
        Lease renewed = store.locks().renew(held.get(), lease)
                .orElseThrow(() -> new StateException("lost the apply lease of tenant " + held.get().tenant()
                        + " (it expired and another apply took it); stopping"));
        held.set(renewed);
    }

    private static String owner() {
        return node() + ":" + ProcessHandle.current().pid();
    }

    static boolean isDeadLocalProcess(String owner) {
        int colon = owner.lastIndexOf(':');
        if (colon < 0 || !owner.substring(0, colon).equals(node())) {
            return false;
        }
        try {
            long pid = Long.parseLong(owner.substring(colon + 1));
            return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String node() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    // ------------------------------------------------------------------ outcomes

    private static RunOutcome outcome(ApplyResult result) {
        if (result.count(ChangeStatus.FAILED) > 0 || result.count(ChangeStatus.PARTIAL) > 0 || result.count(ChangeStatus.UNKNOWN) > 0) {
            return RunOutcome.CHANGES_FAILED;
        }
        return result.removalGuard().wouldTrip() ? RunOutcome.REMOVALS_HELD : RunOutcome.APPLIED;
    }


    private static String message(ApplyResult result, RunOutcome outcome, SeatShortage shortage) {
        // Users waiting: those the plan could not seat, and those Graph turned away while applying.
        String counts = result.count(ChangeStatus.APPLIED) + " applied, " + result.count(ChangeStatus.FAILED) + " failed, "
                + (result.count(ChangeStatus.PARTIAL) > 0 ? result.count(ChangeStatus.PARTIAL) + " partly applied, " : "")
                + shortage.users() + " waiting for seats"
                + (result.count(ChangeStatus.UNKNOWN) > 0 ? ", " + result.count(ChangeStatus.UNKNOWN) + " unknown (the next run settles them)" : "")
                + (result.count(ChangeStatus.HELD) > 0 ? ", " + result.count(ChangeStatus.HELD) + " held" : "");
        if (outcome == RunOutcome.REMOVALS_HELD) {
            return counts + "; the removal guard held back every removal: " + result.removalGuard().reason()
                    + " (raise the limit for one run with --max-removals N)";
        }
        return counts;
    }

    private static String resumedNote(ApplyResult.Resumed resumed) {
        return resumed.entries() == 0 ? "" : "; settled " + resumed.entries() + " changes an interrupted run left open ("
                + resumed.applied() + " had taken effect, " + resumed.notApplied() + " had not, " + resumed.neverSent() + " never sent)";
    }
}
