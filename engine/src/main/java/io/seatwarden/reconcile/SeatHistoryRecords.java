package io.seatwarden.reconcile;

import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.UserId;
import io.seatwarden.plan.LicenseAdd;
import io.seatwarden.plan.LicenseRemoval;
import io.seatwarden.plan.Plan;
import io.seatwarden.plan.SkuSeats;
import io.seatwarden.plan.UserChange;
import io.seatwarden.state.RunId;
import io.seatwarden.state.RunKind;
import io.seatwarden.state.SeatSample;
import io.seatwarden.state.StateException;
import io.seatwarden.state.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records, at the end of each wet run ({@code apply}, a scheduled run) that got as far as a plan, its per-SKU
 * seat figures in the {@link io.seatwarden.state.SeatHistory}, for {@code seatwarden history}. Dry runs
 * ({@code plan}) record nothing: they only read. Undo runs neither: their plans cover only what they put back.
 */
final class SeatHistoryRecords {
    private static final Logger LOG = LoggerFactory.getLogger(SeatHistoryRecords.class);

    private SeatHistoryRecords() {}

    /** Records the run's figures; a state database that refuses them costs a warning, never the run. */
    static void record(StateStore state, Instant now, RunOptions options, RunResult result) {
        if (options.dryRun() || !(options.kind() == RunKind.APPLY || options.kind() == RunKind.SCHEDULED) || result.plan().isEmpty()) {
            return;
        }
        Plan plan = result.plan().get();
        try {
            state.seatHistory().record(samples(plan.tenantId(), now, result.runId(), plan, result.applied()));
        } catch (StateException e) {
            LOG.warn("Could not record the seat history of tenant {}: {}", plan.tenantId(), e.getMessage());
        }
    }

    /**
     * The seats each SKU of the plan has after the run: Graph's figures as read, plus the seats taken and less
     * the seats freed by the changes that took effect ({@link ChangeStatus#APPLIED}; without an apply, none did).
     * Waiting: the plan's users waiting for the SKU, plus users whose write Graph refused for want of seats,
     * counted under each new license that write asked for (Graph's error does not say which SKU ran out).
     */
    static List<SeatSample> samples(TenantId tenant, Instant now, Optional<RunId> run, Plan plan, Optional<ApplyResult> applied) {
        Map<UserId, UserChange> planned = new HashMap<>();
        plan.changes().forEach(change -> planned.put(change.userId(), change));
        Map<SkuId, Integer> taken = new HashMap<>();
        Map<SkuId, Integer> freed = new HashMap<>();
        Map<SkuId, Integer> refused = new HashMap<>();
        for (ChangeOutcome outcome : applied.map(ApplyResult::changes).orElse(List.of())) {
            UserChange change = planned.get(outcome.userId());
            if (outcome.status() == ChangeStatus.APPLIED) {
                newLicenses(change, outcome).forEach(sku -> taken.merge(sku, 1, Integer::sum));
                for (LicenseRemoval removal : outcome.removeLicenses()) {
                    freed.merge(removal.skuId(), 1, Integer::sum);
                }
            } else if (outcome.status() == ChangeStatus.WAITING_FOR_SEATS) {
                newLicenses(change, outcome).forEach(sku -> refused.merge(sku, 1, Integer::sum));
            }
        }
        List<SeatSample> samples = new ArrayList<>();
        for (SkuSeats seats : plan.skus()) {
            int delta = taken.getOrDefault(seats.skuId(), 0) - freed.getOrDefault(seats.skuId(), 0);
            int capacity = seats.availableBefore() + seats.consumed(); // enabled, plus warning seats when counted
            samples.add(new SeatSample(tenant, now, run, seats.skuId(), seats.skuPartNumber(), capacity,
                    Math.max(0, seats.consumed() + delta), seats.availableBefore() - delta, seats.reserved(),
                    seats.waiting() + refused.getOrDefault(seats.skuId(), 0)));
        }
        return samples;
    }

    /** The SKUs the outcome's adds give as new seats (not new disabled plans on a license the user holds). */
    private static List<SkuId> newLicenses(UserChange change, ChangeOutcome outcome) {
        List<SkuId> skus = new ArrayList<>();
        for (LicenseAdd add : outcome.addLicenses()) {
            if (change == null || change.isNewLicense(add)) {
                skus.add(add.skuId());
            }
        }
        return skus;
    }
}
