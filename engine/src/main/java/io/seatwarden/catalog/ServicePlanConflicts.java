package io.seatwarden.catalog;

import io.seatwarden.directory.ServicePlanId;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * The service plans Microsoft lists as unable to be assigned to one user at the same time
 * ("Service plans that cannot be assigned at the same time", Entra docs): plans of the same family
 * conflict with each other. Microsoft says the list covers the most common cases only; Graph's own
 * refusal stays the final word. Immutable and thread-safe.
 * <pre>{@code
 * ServicePlanConflicts conflicts = new ServicePlanConflictsLoader().bundled();
 * conflicts.firstConflict(planIdsAUserHolds, planIdsAGrantEnables).ifPresent(conflict -> ...);
 * }</pre>
 */
public final class ServicePlanConflicts {
    /** One plan of the list. */
    public record Plan(String family, String servicePlanName, ServicePlanId servicePlanId) {
        public Plan {
            requireNonNull(family, "family is null");
            requireNonNull(servicePlanName, "servicePlanName is null");
            requireNonNull(servicePlanId, "servicePlanId is null");
        }
    }

    /** Two plans that cannot be enabled together: {@code held} is already on the user, {@code added} would come. */
    public record Conflict(Plan held, Plan added) {}

    private final Map<ServicePlanId, Plan> byId;

    public ServicePlanConflicts(List<Plan> plans) {
        Map<ServicePlanId, Plan> index = new LinkedHashMap<>();
        for (Plan plan : plans) {
            index.putIfAbsent(plan.servicePlanId(), plan);
        }
        this.byId = java.util.Collections.unmodifiableMap(index);
    }

    public static ServicePlanConflicts none() {
        return new ServicePlanConflicts(List.of());
    }

    public Optional<Plan> plan(ServicePlanId id) {
        return Optional.ofNullable(byId.get(id));
    }

    public int size() {
        return byId.size();
    }

    /**
     * The first conflict (in the order of {@code added}, then of {@code held}) between a plan of {@code added}
     * and a different plan of the same family in {@code held}; a plan never conflicts with itself.
     */
    public Optional<Conflict> firstConflict(Collection<ServicePlanId> held, Collection<ServicePlanId> added) {
        if (byId.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Plan> heldByFamily = new TreeMap<>();
        for (ServicePlanId id : held) {
            Plan plan = byId.get(id);
            if (plan != null) {
                heldByFamily.putIfAbsent(plan.family(), plan);
            }
        }
        if (heldByFamily.isEmpty()) {
            return Optional.empty();
        }
        for (ServicePlanId id : added) {
            Plan plan = byId.get(id);
            if (plan == null) {
                continue;
            }
            for (ServicePlanId other : held) {
                Plan heldPlan = byId.get(other);
                if (heldPlan != null && heldPlan.family().equals(plan.family()) && !other.equals(id)) {
                    return Optional.of(new Conflict(heldPlan, plan));
                }
            }
        }
        return Optional.empty();
    }
}
