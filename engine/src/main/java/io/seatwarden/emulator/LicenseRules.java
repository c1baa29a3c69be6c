package io.seatwarden.emulator;

import io.seatwarden.directory.ServicePlanConflicts;
import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.file.TenantFile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The business rules a license assignment must pass beyond seats, as Entra applies them to direct and
 * group-based assignments alike: service plans that cannot be enabled together (Microsoft's list of
 * mutually exclusive plans), plans that need another plan (the tenant file's emulator-only
 * {@code dependsOn}), and SKUs not offered in a usage location (the emulator-only
 * {@code unavailableUsageLocations}). Immutable.
 */
final class LicenseRules {
    /** A rule an assignment breaks: Entra's error code and the message a direct assignment is refused with. */
    record Violation(String error, String message) {}

    private final Map<SkuId, TenantFile.Sku> skus;
    private final Map<SkuId, List<ServicePlanId>> plans = new HashMap<>();
    private final Map<ServicePlanId, List<ServicePlanId>> dependencies = new HashMap<>();
    private final ServicePlanConflicts conflicts;

    LicenseRules(Map<SkuId, TenantFile.Sku> skus, ServicePlanConflicts conflicts) {
        this.skus = skus;
        this.conflicts = conflicts;
        skus.forEach((id, sku) -> {
            List<ServicePlanId> ids = new ArrayList<>();
            for (TenantFile.Plan plan : sku.servicePlans()) {
                ServicePlanId planId = ServicePlanId.of(plan.servicePlanId());
                ids.add(planId);
                if (!plan.requiredPlans().isEmpty()) {
                    List<ServicePlanId> required = new ArrayList<>();
                    plan.requiredPlans().forEach(text -> required.add(ServicePlanId.of(text)));
                    dependencies.merge(planId, required, (a, b) -> a);
                }
            }
            plans.put(id, List.copyOf(ids));
        });
    }

    /** The plans enabled by the assigned sources: per SKU, its plans minus those every source disables. */
    Set<ServicePlanId> enabledPlans(Collection<LicenseSource> sources) {
        Map<SkuId, SortedSet<ServicePlanId>> disabled = new TreeMap<>();
        for (LicenseSource source : sources) {
            if (!source.isAssigned()) {
                continue;
            }
            disabled.merge(source.skuId(), new TreeSet<>(source.disabledPlans()), (a, b) -> {
                SortedSet<ServicePlanId> both = new TreeSet<>(a);
                both.retainAll(b);
                return both;
            });
        }
        Set<ServicePlanId> enabled = new LinkedHashSet<>();
        disabled.forEach((sku, off) -> {
            for (ServicePlanId plan : plans.getOrDefault(sku, List.of())) {
                if (!off.contains(plan)) {
                    enabled.add(plan);
                }
            }
        });
        return enabled;
    }

    /** The plans one SKU enables with these plans disabled. */
    Set<ServicePlanId> enabledPlans(SkuId sku, Set<ServicePlanId> disabledPlans) {
        Set<ServicePlanId> enabled = new LinkedHashSet<>();
        for (ServicePlanId plan : plans.getOrDefault(sku, List.of())) {
            if (!disabledPlans.contains(plan)) {
                enabled.add(plan);
            }
        }
        return enabled;
    }

    Optional<Violation> unavailableIn(SkuId sku, String usageLocation) {
        TenantFile.Sku entry = skus.get(sku);
        if (entry == null || usageLocation == null) {
            return Optional.empty();
        }
        for (String location : entry.unavailableIn()) {
            if (location.equalsIgnoreCase(usageLocation)) {
                return Optional.of(new Violation("ProhibitedInUsageLocationViolation", "License assignment failed because the license "
                        + sku + " is not available in the usage location " + usageLocation.toUpperCase(Locale.ROOT) + "."));
            }
        }
        return Optional.empty();
    }

    /** A plan of {@code added} that cannot be enabled together with a plan of {@code held}. */
    Optional<Violation> conflict(Collection<ServicePlanId> held, Collection<ServicePlanId> added) {
        return conflicts.firstConflict(held, added).map(conflict -> new Violation("MutuallyExclusiveViolation",
                "License assignment failed because service plans " + conflict.added().servicePlanId() + " and "
                        + conflict.held().servicePlanId() + " are mutually exclusive."));
    }

    /**
     * A plan among {@code checked} whose dependencies are not all among {@code enabled}; Graph names plans
     * by id in this message ("depends on the service plan(s) A,B").
     */
    Optional<Violation> missingDependency(Collection<ServicePlanId> checked, Set<ServicePlanId> enabled) {
        for (ServicePlanId plan : checked) {
            List<ServicePlanId> required = dependencies.getOrDefault(plan, List.of());
            if (!required.isEmpty() && !enabled.containsAll(required)) {
                List<String> names = new ArrayList<>();
                required.forEach(id -> names.add(id.toString()));
                return Optional.of(new Violation("DependencyViolation", "License assignment failed because service plan "
                        + plan + " depends on the service plan(s) " + String.join(",", names) + "."));
            }
        }
        return Optional.empty();
    }

    /** The plans of {@code enabled} that need another plan: those a change can break. */
    List<ServicePlanId> dependent(Collection<ServicePlanId> enabled) {
        List<ServicePlanId> result = new ArrayList<>();
        for (ServicePlanId plan : enabled) {
            if (dependencies.containsKey(plan)) {
                result.add(plan);
            }
        }
        return result;
    }
}
