package io.seatwarden.directory;

import com.google.common.collect.ImmutableSortedSet;

import java.util.Optional;
import java.util.SortedSet;

import static java.util.Objects.requireNonNull;

/**
 * One source of a license on a user (Graph's {@code licenseAssignmentState}): assigned directly
 * ({@code assignedByGroup} empty) or inherited from Entra's own group-based licensing, with its state
 * ({@link AssignmentState}) and Graph's {@code error} code ({@code CountViolation},
 * {@code MutuallyExclusiveViolation}, ...) when processing failed.
 */
public record LicenseAssignment(SkuId skuId, SortedSet<ServicePlanId> disabledPlans, Optional<GroupId> assignedByGroup,
                                AssignmentState state, Optional<String> error) {
    public LicenseAssignment {
        requireNonNull(skuId, "skuId is null");
        // An immutable set passed in is kept as is, so equal sets can be shared across millions of users.
        disabledPlans = ImmutableSortedSet.copyOf(disabledPlans);
        requireNonNull(assignedByGroup, "assignedByGroup is null");
        requireNonNull(state, "state is null");
        requireNonNull(error, "error is null");
    }

    /** An {@code Active} source without error. */
    public LicenseAssignment(SkuId skuId, SortedSet<ServicePlanId> disabledPlans, Optional<GroupId> assignedByGroup) {
        this(skuId, disabledPlans, assignedByGroup, AssignmentState.ACTIVE, Optional.empty());
    }

    public static LicenseAssignment direct(SkuId skuId, SortedSet<ServicePlanId> disabledPlans) {
        return new LicenseAssignment(skuId, disabledPlans, Optional.empty());
    }

    public boolean isDirect() {
        return assignedByGroup.isEmpty();
    }

    /** True when the license is in effect: only such a source counts as held. */
    public boolean isAssigned() {
        return state.isAssigned();
    }

    /** True when Graph reports a problem with this source (an error code, or a state that is not assigned). */
    public boolean hasError() {
        return error.isPresent() || !state.isAssigned();
    }
}
