package io.seatwarden.directory;

import com.google.common.collect.ImmutableSortedSet;

import java.util.Optional;
import java.util.SortedSet;

import static java.util.Objects.requireNonNull;

/**
 * One source of a license on a user (Graph's {@code licenseAssignmentState}): assigned directly
 * ({@code assignedByGroup} empty) or inherited from Entra's own group-based licensing.
 */
public record LicenseAssignment(SkuId skuId, SortedSet<ServicePlanId> disabledPlans, Optional<GroupId> assignedByGroup) {
    public LicenseAssignment {
        requireNonNull(skuId, "skuId is null");
        // An immutable set passed in is kept as is, so equal sets can be shared across millions of users.
        disabledPlans = ImmutableSortedSet.copyOf(disabledPlans);
        requireNonNull(assignedByGroup, "assignedByGroup is null");
    }

    public static LicenseAssignment direct(SkuId skuId, SortedSet<ServicePlanId> disabledPlans) {
        return new LicenseAssignment(skuId, disabledPlans, Optional.empty());
    }

    public boolean isDirect() {
        return assignedByGroup.isEmpty();
    }
}
