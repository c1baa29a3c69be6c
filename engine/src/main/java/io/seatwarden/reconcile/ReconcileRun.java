package io.seatwarden.reconcile;

import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.directory.DirectoryReadException;
import io.seatwarden.directory.DirectoryReader;
import io.seatwarden.directory.ReadScope;
import io.seatwarden.directory.SkuId;
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
import io.seatwarden.policy.LicenseGrant;
import io.seatwarden.policy.Policy;
import io.seatwarden.policy.PolicyProblem;
import io.seatwarden.policy.PolicySet;
import io.seatwarden.policy.Settings;
import io.seatwarden.reconcile.GraphReadBackException;
import io.seatwarden.state.Lease;
import io.seatwarden.state.RunCounts;
import io.seatwarden.state.RunId;
import io.seatwarden.state.RunKind;
import io.seatwarden.state.RunOutcome;
import io.seatwarden.state.StateException;
import io.seatwarden.state.StateStore;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/**
 * The one reconcile flow, shared by {@code apply} and the scheduler: read, plan (with the engine's
 * ownership records), guard, apply, journal, report.
 *
 * <pre>{@code
 * ReconcileRun reconcile = new ReconcileRun(stateStore, catalog, clock);
 * RunResult result = reconcile.run(RunRequest.unattended(new TenantConnection(reader, writer), policies, RunOptions.apply()));
 * System.exit(result.exitCode());
 * }</pre>
 *
 * <p>Order: read the tenant; take the tenant's apply lease (refuse if another apply holds it);
 * begin a run in the history; settle what interrupted earlier runs left open, by reading those users
 * back; load ownership; plan; check a saved plan still matches; ask for confirmation; apply, renewing
 * the lease before each batch; finish the run. Never throws for a tenant's trouble (an unreadable
 * tenant, bad policies): those are {@link ReconcileOutcome#FAILED} results. Thread-safe: runs of
 * different tenants may go concurrently.
 */
public final class ReconcileRun {
    /** Long enough to outlast a Retry-After or a full write window (150 s); renewed before every batch. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);

    private final StateStore state;
    private final ProductCatalog catalog;
    private final Clock clock;
    private final Duration lease;

    public ReconcileRun(StateStore state, ProductCatalog catalog, Clock clock) {
        this(state, catalog, clock, DEFAULT_LEASE);
    }

    public ReconcileRun(StateStore state, ProductCatalog catalog, Clock clock, Duration lease) {
        this.state = requireNonNull(state, "state is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.lease = requireNonNull(lease, "lease is null");
    }

    public RunResult run(RunRequest request) {
        RunResult result = guarded(() -> runOrThrow(request, policyPlanning(request)));
        SeatHistoryRecords.record(state, clock.instant(), request.options(), result);
        return result;
    }

    /**
     * Puts back what run {@code undone} changed: plans the inverse from its journal and the tenant as
     * it is now (see {@link UndoPlanner}), and applies it as a run of kind {@code UNDO} unless
     * {@code options.dryRun()}. The removal guard uses {@code settings} (and {@code --max-removals}).
     */
    public RunResult undo(RunId undone, TenantConnection tenant, Settings settings, RunOptions options, Confirmation confirmation,
            ApplyProgress progress) {
        RunRequest request = new RunRequest(tenant, new PolicySet(List.of(), settings), options, confirmation, progress);
        Planning planning = new Planning() {
            @Override
            public ReadScope scope(Ownership ownership) {
                return ReadScope.all(); // users the run changed may be in no group now
            }

            @Override
            public Outcome plan(TenantSnapshot snapshot, Ownership ownership) {
                if (state.runs().find(undone).isEmpty()) {
                    return Outcome.failed(RunResult.failed("no run " + undone + " in the state database " + state.config().redactedUrl()));
                }
                if (!state.runs().find(undone).get().tenant().equals(snapshot.tenantId())) {
                    return Outcome.failed(RunResult.failed("run " + undone + " changed tenant " + state.runs().find(undone).get().tenant()
                            + ", not " + snapshot.tenantId()));
                }
                return Outcome.of(new UndoPlanner().plan(undone, state.journal().entries(undone), snapshot, settings));
            }
        };
        return guarded(() -> runOrThrow(request, planning));
    }

    /** How a run gets its plan: from the policies, or from a journal (undo). */
    private interface Planning {
        ReadScope scope(Ownership ownership);

        Outcome plan(TenantSnapshot tenant, Ownership ownership);

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
        return new Planning() {
            @Override
            public ReadScope scope(Ownership ownership) {
                Set<String> owned = new TreeSet<>();
                for (Ownership.Key key : ownership.keys()) {
                    owned.add(key.sku().toString());
                }
                return ReconcileRun.scope(request.policies(), owned);
            }

            @Override
            public Outcome plan(TenantSnapshot tenant, Ownership ownership) {
                Resolution resolution = new Resolver(catalog).resolve(request.policies(), tenant);
                if (resolution.policies().isEmpty()) {
                    return Outcome.failed(new RunResult(ReconcileOutcome.FAILED, "the policies do not match the tenant ("
                            + PolicyProblem.count(resolution.problems().size()) + ")", Optional.empty(), Optional.empty(), Optional.empty(),
                            resolution.problems(), List.of()));
                }
                // The run's limits go into planning: whether removals go out decides which adds have seats (rule 9).
                RemovalLimits limits = RemovalLimits.of(request.policies().settings(), request.options().maxRemovals());
                return Outcome.of(new Planner().plan(resolution.orThrow(), tenant, ownership, limits,
                        Lifecycle.at(clock.instant()).withPending(state.pendingRemovals().load(tenant.tenantId()))));
            }
        };
    }

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

    private RunResult runOrThrow(RunRequest request, Planning planning) throws InterruptedException {
        RunOptions options = request.options();
        RunReads reads = RunReads.of(request, state.snapshots(), clock);
        TenantSnapshot tenant = reads.reader().read(planning.scope(Ownership.none()));
        if (options.dryRun()) {
            Ownership ownership = state.assignments().load(tenant.tenantId());
            TenantSnapshot widened = widen(reads.reader(), planning, tenant, ownership);
            Planning.Outcome planned = planning.plan(widened, ownership);
            return planned.plan().map(reads::annotate).map(plan -> new RunResult(ReconcileOutcome.PLANNED,
                    plan.hasChanges() ? plan.changes().size() + " users to change" : "nothing to change",
                    Optional.of(plan), Optional.empty(), Optional.empty(), List.of(), List.of()))
                    .orElseGet(() -> planned.failure().orElseThrow());
        }
        Optional<Lease> acquired = acquire(tenant.tenantId());
        if (acquired.isEmpty()) {
            String holder = state.locks().holder(tenant.tenantId()).map(held -> " by " + held.owner() + " since " + held.acquiredAt()).orElse("");
            return new RunResult(ReconcileOutcome.REFUSED, "another apply of tenant " + tenant.tenantId() + " is running" + holder
                    + " (it holds the apply lock in the state database); try again when it has finished",
                    Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of());
        }
        AtomicReference<Lease> held = new AtomicReference<>(acquired.get());
        try {
            return applyLocked(request, planning, tenant, held, reads);
        } finally {
            state.locks().release(held.get());
        }
    }

    private RunResult applyLocked(RunRequest request, Planning planning, TenantSnapshot tenant, AtomicReference<Lease> held,
            RunReads reads) throws InterruptedException {
        RunOptions options = request.options();
        TenantId tenantId = tenant.tenantId();
        RunId run = options.runId().map(id -> state.runs().begin(id, tenantId, options.kind(), node()))
                .orElseGet(() -> state.runs().begin(tenantId, options.kind(), node())).id();
        Applier applier = new Applier(state);
        ApplyResult.Resumed resumed;
        Plan plan;
        TenantSnapshot planned;
        try {
            resumed = applier.settleEarlierRuns(tenantId, run, request.tenant().writer());
            Ownership ownership = state.assignments().load(tenantId);
            planned = widen(reads.reader(), planning, tenant, ownership);
            Planning.Outcome outcome = planning.plan(planned, ownership);
            if (outcome.plan().isEmpty()) {
                RunResult failed = outcome.failure().orElseThrow();
                finish(run, RunOutcome.ABORTED, RunCounts.none(), failed.message());
                return failed;
            }
            plan = reads.annotate(outcome.plan().get());
        } catch (InterruptedException | RuntimeException e) {
            finish(run, RunOutcome.FAILED, RunCounts.none(), "stopped before applying: " + e.getMessage());
            throw e;
        }
        if (options.expectedPlan().isPresent()) {
            List<String> differences = options.expectedPlan().get().differences(plan);
            if (!differences.isEmpty()) {
                String message = "the tenant changed since the saved plan was made (" + differences.size()
                        + (differences.size() == 1 ? " difference" : " differences") + "); nothing applied: plan again and review";
                finish(run, RunOutcome.ABORTED, RunCounts.none(), message);
                return new RunResult(ReconcileOutcome.REFUSED, message, Optional.of(plan), Optional.empty(), Optional.of(run), List.of(), differences);
            }
        }
        RemovalGuardVerdict guard = ApplyGuard.verdict(plan, request.policies().settings(), options.maxRemovals());
        if (!plan.hasChanges()) {
            PendingRemovalRecords.record(state, tenantId, plan, request.policies().settings());
            SeatShortage shortage = SeatShortage.of(plan, Optional.empty(), catalog);
            String message = "nothing to change" + shortage.note() + PendingRemovalRecords.note(plan) + resumedNote(resumed);
            finish(run, RunOutcome.SUCCEEDED, new RunCounts(0, 0, 0, shortage.users(), 0, plan.skipped().size()), message);
            return new RunResult(ReconcileOutcome.NOTHING_TO_DO, message, Optional.of(plan), Optional.empty(), Optional.of(run), List.of(), List.of());
        }
        if (!request.confirmation().confirm(plan, guard)) {
            finish(run, RunOutcome.ABORTED, RunCounts.none(), "not confirmed");
            return new RunResult(ReconcileOutcome.DECLINED, "not applied: not confirmed", Optional.of(plan), Optional.empty(), Optional.of(run),
                    List.of(), List.of());
        }
        // Adoptions need no Graph write: recorded once confirmed, they make the licenses the engine's (rule 5).
        Adoptions.record(state, tenantId, run, plan);
        PendingRemovalRecords.record(state, tenantId, plan, request.policies().settings());
        ApplyResult result;
        try {
            result = applier.apply(run, planned, plan, guard, request.tenant().writer(), request.progress(), resumed, () -> {
                if (request.stopRequested().getAsBoolean()) {
                    throw new StopRequested();
                }
                renew(held);
            });
        } catch (StopRequested e) {
            String message = "stopped on request between two batches; the next run continues";
            finish(run, RunOutcome.INTERRUPTED, RunCounts.none(), message);
            return new RunResult(ReconcileOutcome.INTERRUPTED, message, Optional.of(plan), Optional.empty(), Optional.of(run), List.of(), List.of());
        } catch (InterruptedException | RuntimeException e) {
            finish(run, e instanceof InterruptedException ? RunOutcome.INTERRUPTED : RunOutcome.FAILED, RunCounts.none(),
                    "stopped while applying: " + e.getMessage() + "; the next run settles what was in flight");
            throw e;
        }
        ReconcileOutcome outcome = outcome(result);
        SeatShortage shortage = SeatShortage.of(plan, Optional.of(result), catalog);
        String message = message(result, outcome, shortage) + Adoptions.note(plan) + PendingRemovalRecords.note(plan) + resumedNote(resumed);
        finish(run, historyOutcome(result, outcome), Applier.counts(result, plan, shortage), message);
        return new RunResult(outcome, message, Optional.of(plan), Optional.of(result), Optional.of(run), List.of(), List.of());
    }

    /** Unwinds an apply asked to stop, from the writer's last stop point (before a batch). */
    private static final class StopRequested extends RuntimeException {
        StopRequested() {
            super("stop requested", null, false, false);
        }
    }

    private void finish(RunId run, RunOutcome outcome, RunCounts counts, String message) {
        state.runs().finish(run, outcome, counts, message);
    }

    /**
     * Takes the tenant's lease. A lease left by a process of this machine that no longer runs (it was
     * killed mid-apply) is given up at once rather than waited out.
     */
    private Optional<Lease> acquire(TenantId tenant) {
        Optional<Lease> lease = state.locks().tryAcquire(tenant, owner(), this.lease);
        if (lease.isPresent()) {
            return lease;
        }
        Optional<Lease> holder = state.locks().holder(tenant);
        if (holder.isPresent() && isDeadLocalProcess(holder.get().owner())) {
            state.locks().release(holder.get());
            return state.locks().tryAcquire(tenant, owner(), this.lease);
        }
        return Optional.empty();
    }

    private void renew(AtomicReference<Lease> held) {
        Lease renewed = state.locks().renew(held.get(), lease)
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

    /** Licenses the engine owns of SKUs the first read did not cover still need their holders read (rule 5). */
    private static TenantSnapshot widen(DirectoryReader reader, Planning planning, TenantSnapshot tenant, Ownership ownership) {
        ReadScope first = planning.scope(Ownership.none());
        if (first.everything()) {
            return tenant;
        }
        ReadScope wider = planning.scope(ownership);
        for (String sku : wider.skuReferences()) {
            if (!first.skuReferences().contains(sku)
                    && tenant.sku(SkuId.of(sku)).map(found -> !first.skuReferences().contains(found.skuPartNumber())).orElse(true)) {
                return reader.read(wider);
            }
        }
        return tenant;
    }

    static ReadScope scope(PolicySet policies, Set<String> extraSkus) {
        Set<String> groups = new TreeSet<>();
        Set<String> skus = new TreeSet<>(extraSkus);
        for (Policy policy : policies.policies()) {
            groups.add(policy.group());
            for (LicenseGrant grant : policy.licenses()) {
                skus.add(grant.sku());
            }
        }
        skus.addAll(policies.settings().reserve().keySet());
        return new ReadScope(groups, skus, false, ReadScopes.needsSignInActivity(policies));
    }

    private static ReconcileOutcome outcome(ApplyResult result) {
        if (result.count(ChangeStatus.FAILED) > 0 || result.count(ChangeStatus.UNKNOWN) > 0) {
            return ReconcileOutcome.CHANGES_FAILED;
        }
        return result.removalGuard().wouldTrip() ? ReconcileOutcome.REMOVALS_HELD : ReconcileOutcome.APPLIED;
    }

    private static RunOutcome historyOutcome(ApplyResult result, ReconcileOutcome outcome) {
        return switch (outcome) {
            case CHANGES_FAILED -> RunOutcome.PARTIAL;
            case REMOVALS_HELD -> RunOutcome.REMOVALS_HELD;
            default -> result.count(ChangeStatus.WAITING_FOR_SEATS) > 0 ? RunOutcome.PARTIAL : RunOutcome.SUCCEEDED;
        };
    }

    private static String message(ApplyResult result, ReconcileOutcome outcome, SeatShortage shortage) {
        // Users waiting: those the plan could not seat, and those Graph turned away while applying.
        String counts = result.count(ChangeStatus.APPLIED) + " applied, " + result.count(ChangeStatus.FAILED) + " failed, "
                + shortage.users() + " waiting for seats"
                + (result.count(ChangeStatus.UNKNOWN) > 0 ? ", " + result.count(ChangeStatus.UNKNOWN) + " unknown (the next run settles them)" : "")
                + (result.count(ChangeStatus.HELD) > 0 ? ", " + result.count(ChangeStatus.HELD) + " held" : "");
        if (outcome == ReconcileOutcome.REMOVALS_HELD) {
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
