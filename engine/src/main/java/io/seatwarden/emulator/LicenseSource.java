package io.seatwarden.emulator;

import io.seatwarden.directory.AssignmentState;
import io.seatwarden.directory.GroupId;
import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SkuId;

import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * One source of a license on a user, as Graph's {@code licenseAssignmentState}: direct
 * ({@code assignedByGroup} empty) or inherited from a group through Entra's group-based licensing,
 * with its {@code state} and {@code error} (null when none). Only an assigned state holds a seat.
 */
record LicenseSource(SkuId skuId, SortedSet<ServicePlanId> disabledPlans, Optional<GroupId> assignedByGroup,
                     Instant lastUpdated, AssignmentState state, String error) {
    LicenseSource {
        requireNonNull(skuId, "skuId is null");
        disabledPlans = Collections.unmodifiableSortedSet(new TreeSet<>(disabledPlans));
        requireNonNull(assignedByGroup, "assignedByGroup is null");
        requireNonNull(lastUpdated, "lastUpdated is null");
        requireNonNull(state, "state is null");
    }

    /** An {@code Active} source. */
    LicenseSource(SkuId skuId, SortedSet<ServicePlanId> disabledPlans, Optional<GroupId> assignedByGroup, Instant lastUpdated) {
        this(skuId, disabledPlans, assignedByGroup, lastUpdated, AssignmentState.ACTIVE, null);
    }

    boolean isDirect() {
        return assignedByGroup.isEmpty();
    }

    boolean isAssigned() {
        return state.isAssigned();
    }

    boolean hasError() {
        return error != null || !state.isAssigned();
    }

    boolean from(String groupKey) {
        return assignedByGroup.map(group -> TenantState.key(group.value()).equals(groupKey)).orElse(false);
    }

    LicenseSource withOutcome(AssignmentState newState, String newError, Instant when) {
        return new LicenseSource(skuId, disabledPlans, assignedByGroup, when, newState, newError);
    }
}
