package io.seatwarden.emulator;

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
 * ({@code assignedByGroup} empty) or inherited from a group through Entra's group-based licensing.
 */
record LicenseSource(SkuId skuId, SortedSet<ServicePlanId> disabledPlans, Optional<GroupId> assignedByGroup,
                     Instant lastUpdated) {
    LicenseSource {
        requireNonNull(skuId, "skuId is null");
        disabledPlans = Collections.unmodifiableSortedSet(new TreeSet<>(disabledPlans));
        requireNonNull(assignedByGroup, "assignedByGroup is null");
        requireNonNull(lastUpdated, "lastUpdated is null");
    }

    boolean isDirect() {
        return assignedByGroup.isEmpty();
    }
}
