package io.seatwarden.plan;

import io.seatwarden.directory.ServicePlan;
import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SubscribedSku;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * For a license a user already holds, the service plans an update turns on and off, by name (the
 * tenant's {@code servicePlanName}, else the id), for reports: "~ENTERPRISEPACK (on: SWAY; off: YAMMER_ENTERPRISE)".
 */
public record PlanSwitch(List<String> turnedOn, List<String> turnedOff) {
    public PlanSwitch {
        turnedOn = List.copyOf(turnedOn);
        turnedOff = List.copyOf(turnedOff);
    }

    /** From the plans disabled now to those disabled after; names sorted. */
    public static PlanSwitch between(Set<ServicePlanId> disabledNow, Set<ServicePlanId> disabledAfter, SubscribedSku sku) {
        List<String> on = new ArrayList<>();
        List<String> off = new ArrayList<>();
        disabledNow.stream().filter(id -> !disabledAfter.contains(id)).forEach(id -> on.add(name(id, sku)));
        disabledAfter.stream().filter(id -> !disabledNow.contains(id)).forEach(id -> off.add(name(id, sku)));
        on.sort(null);
        off.sort(null);
        return new PlanSwitch(on, off);
    }

    private static String name(ServicePlanId id, SubscribedSku sku) {
        return sku.servicePlans().stream().filter(plan -> plan.servicePlanId().equals(id))
                .map(ServicePlan::servicePlanName).findFirst().orElse(id.toString());
    }

    /**
     * "on: A, B; off: C", leaving out an empty side; past {@code limit} names a side ends "and N more" (an
     * allow-list applied to a held E5 turns off some eighty plans).
     */
    public String describe(int limit) {
        List<String> parts = new ArrayList<>(2);
        if (!turnedOn.isEmpty()) {
            parts.add("on: " + names(turnedOn, limit));
        }
        if (!turnedOff.isEmpty()) {
            parts.add("off: " + names(turnedOff, limit));
        }
        return String.join("; ", parts);
    }

    private static String names(List<String> names, int limit) {
        if (names.size() <= limit) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, limit)) + " and " + (names.size() - limit) + " more";
    }
}
