package io.seatwarden.apply;

import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.apply.graph.GraphReadBackException;
import io.seatwarden.directory.DirectoryReadException;
import io.seatwarden.directory.ReadScope;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.plan.Ownership;
import io.seatwarden.plan.Plan;
import io.seatwarden.plan.Planner;
import io.seatwarden.plan.RemovalGuardVerdict;
import io.seatwarden.plan.Resolution;
import io.seatwarden.plan.Resolver;
import io.seatwarden.policy.LicenseGrant;
import io.seatwarden.policy.Policy;
import io.seatwarden.policy.PolicySet;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * The one reconcile flow, shared by {@code apply} and the scheduler: read, plan (with the engine's
 * ownership records), guard, apply, journal, report.
 *
 * <pre>{@code
 * ReconcileRun reconcile = new ReconcileRun(store, catalog, clock);
 * RunResult result = reconcile.run(RunRequest.unattended(new TenantConnection(reader, writer), policies, RunOptions.apply()));
 * System.exit(result.exitCode());
 * }</pre>
 *
 * <p>Order: read the tenant; take the tenant's apply lock (refuse if another apply holds it); settle
 * what an interrupted earlier run left open, by reading those users back; load ownership; plan;
 * check a saved plan still matches; ask for confirmation; apply. Never throws for a tenant's
 * trouble (an unreadable tenant, bad policies): those are {@link RunOutcome#FAILED} results.
 * Thread-safe: runs of different tenants may go concurrently.
 */
public final class ReconcileRun {
    private final ApplyStore store;
    private final ProductCatalog catalog;
    private final Clock clock;

    public ReconcileRun(ApplyStore store, ProductCatalog catalog, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public RunResult run(RunRequest request) {
        try {
            return runOrThrow(request);
        } catch (DirectoryReadException e) {
            return RunResult.failed("cannot read the tenant: " + e.getMessage());
        } catch (GraphReadBackException e) {
            return RunResult.failed("cannot settle an interrupted earlier run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RunResult.failed("interrupted; the next run settles what was in flight");
        }
    }

    private RunResult runOrThrow(RunRequest request) throws InterruptedException {
        RunOptions options = request.options();
        TenantSnapshot tenant = request.tenant().reader().read(scope(request.policies(), Set.of()));
        if (options.dryRun()) {
            Ownership ownership = store.ownership(tenant.tenantId());
            TenantSnapshot widened = widenForOwnership(request, tenant, ownership);
            return plan(request, widened, ownership).map(plan -> new RunResult(RunOutcome.PLANNED,
                    plan.hasChanges() ? plan.changes().size() + " users to change" : "nothing to change",
                    Optional.of(plan), Optional.empty(), Optional.empty(), List.of(), List.of()))
                    .orElseGet(() -> problems(request, widened));
        }
        Optional<ApplyStore.ApplyLock> lock = store.tryLock(tenant.tenantId(), holder());
        if (lock.isEmpty()) {
            return new RunResult(RunOutcome.REFUSED, "another apply of tenant " + tenant.tenantId()
                    + " is running (it holds the apply lock in the state database); try again when it has finished",
                    Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of());
        }
        try (ApplyStore.ApplyLock held = lock.get()) {
            Applier applier = new Applier(store, clock);
            ApplyResult.Resumed resumed = applier.settleEarlierRuns(tenant.tenantId(), request.tenant().writer());
            Ownership ownership = store.ownership(tenant.tenantId());
            TenantSnapshot planned = widenForOwnership(request, tenant, ownership);
            Optional<Plan> maybePlan = plan(request, planned, ownership);
            if (maybePlan.isEmpty()) {
                return problems(request, planned);
            }
            Plan plan = maybePlan.get();
            if (options.expectedPlan().isPresent()) {
                List<String> differences = options.expectedPlan().get().differences(plan);
                if (!differences.isEmpty()) {
                    return new RunResult(RunOutcome.REFUSED, "the tenant changed since the saved plan was made ("
                            + differences.size() + (differences.size() == 1 ? " difference" : " differences")
                            + "); nothing applied: plan again and review", Optional.of(plan), Optional.empty(), Optional.empty(),
                            List.of(), differences);
                }
            }
            RemovalGuardVerdict guard = ApplyGuard.verdict(plan, request.policies().settings(), options.maxRemovals());
            if (!plan.hasChanges()) {
                return new RunResult(RunOutcome.NOTHING_TO_DO, "nothing to change" + resumedNote(resumed), Optional.of(plan),
                        Optional.empty(), Optional.empty(), List.of(), List.of());
            }
            if (!request.confirmation().confirm(plan, guard)) {
                return new RunResult(RunOutcome.DECLINED, "not applied: not confirmed", Optional.of(plan), Optional.empty(),
                        Optional.empty(), List.of(), List.of());
            }
            String runId = store.startRun(tenant.tenantId(), options.kind(), clock.instant());
            ApplyResult result;
            try {
                result = applier.apply(runId, planned, plan, guard, request.tenant().writer(), request.progress(), resumed);
            } catch (InterruptedException | RuntimeException e) {
                store.finishRun(runId, RunOutcome.FAILED.name(), "stopped: " + e, clock.instant());
                throw e;
            }
            RunOutcome outcome = outcome(result);
            String message = message(result, outcome) + resumedNote(resumed);
            store.finishRun(runId, outcome.name(), message, clock.instant());
            return new RunResult(outcome, message, Optional.of(plan), Optional.of(result), Optional.of(runId), List.of(), List.of());
        }
    }

    private Optional<Plan> plan(RunRequest request, TenantSnapshot tenant, Ownership ownership) {
        Resolution resolution = new Resolver(catalog).resolve(request.policies(), tenant);
        return resolution.policies().map(resolved -> new Planner().plan(resolved, tenant, ownership));
    }

    private RunResult problems(RunRequest request, TenantSnapshot tenant) {
        Resolution resolution = new Resolver(catalog).resolve(request.policies(), tenant);
        return new RunResult(RunOutcome.FAILED, "the policies do not match the tenant (" + resolution.problems().size() + " problems)",
                Optional.empty(), Optional.empty(), Optional.empty(), resolution.problems(), List.of());
    }

    /** Licenses the engine owns of SKUs no policy names any more still need their holders read (rule 5). */
    private static TenantSnapshot widenForOwnership(RunRequest request, TenantSnapshot tenant, Ownership ownership) {
        Set<String> owned = new TreeSet<>();
        for (Ownership.Key key : ownership.keys()) {
            owned.add(key.sku().toString());
        }
        Set<String> named = new TreeSet<>(scope(request.policies(), Set.of()).skuReferences());
        boolean missing = false;
        for (String sku : owned) {
            if (!named.contains(sku) && tenant.sku(SkuId.of(sku)).map(found -> !named.contains(found.skuPartNumber())).orElse(true)) {
                missing = true;
                break;
            }
        }
        return missing ? request.tenant().reader().read(scope(request.policies(), owned)) : tenant;
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
        return new ReadScope(groups, skus, false);
    }

    private static RunOutcome outcome(ApplyResult result) {
        if (result.count(ChangeStatus.FAILED) > 0 || result.count(ChangeStatus.UNKNOWN) > 0) {
            return RunOutcome.CHANGES_FAILED;
        }
        return result.removalGuard().wouldTrip() ? RunOutcome.REMOVALS_HELD : RunOutcome.APPLIED;
    }

    private static String message(ApplyResult result, RunOutcome outcome) {
        String counts = result.count(ChangeStatus.APPLIED) + " applied, " + result.count(ChangeStatus.FAILED) + " failed, "
                + result.count(ChangeStatus.WAITING_FOR_SEATS) + " waiting for seats"
                + (result.count(ChangeStatus.UNKNOWN) > 0 ? ", " + result.count(ChangeStatus.UNKNOWN) + " unknown" : "")
                + (result.count(ChangeStatus.HELD) > 0 ? ", " + result.count(ChangeStatus.HELD) + " held" : "");
        if (outcome == RunOutcome.REMOVALS_HELD) {
            return counts + "; the removal guard held back every removal: " + result.removalGuard().reason()
                    + " (raise the limit for one run with --max-removals N)";
        }
        return counts;
    }

    private static String resumedNote(ApplyResult.Resumed resumed) {
        return resumed.entries() == 0 ? "" : "; settled " + resumed.entries() + " writes an interrupted run left open ("
                + resumed.applied() + " had taken effect, " + resumed.notApplied() + " had not)";
    }

    private static String holder() {
        return ProcessHandle.current().pid() + "@" + Thread.currentThread().getName();
    }
}
