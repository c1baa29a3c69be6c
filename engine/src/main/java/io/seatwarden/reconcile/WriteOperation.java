package io.seatwarden.reconcile;

import io.seatwarden.directory.LicenseAssignment;
import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.UserId;
import io.seatwarden.plan.LicenseAdd;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/** One Graph write the applier asks for: one HTTP request, one unit of Graph's write budget. */
public sealed interface WriteOperation {
    UserId user();

    String userPrincipalName();

    /** True when a user read back after the write shows it done (so it is not sent again). */
    boolean isDoneIn(UserLicenses state);

    /** {@code PATCH /users/{id}} with {@code usageLocation}, sent before the user's first license. */
    record SetUsageLocation(UserId user, String userPrincipalName, String usageLocation) implements WriteOperation {
        public SetUsageLocation {
            requireNonNull(user, "user is null");
            requireNonNull(userPrincipalName, "userPrincipalName is null");
            requireNonNull(usageLocation, "usageLocation is null");
        }

        @Override
        public boolean isDoneIn(UserLicenses state) {
            return usageLocation.equalsIgnoreCase(state.usageLocation() == null ? "" : state.usageLocation());
        }
    }

    /**
     * {@code POST /users/{id}/assignLicense} carrying all of a user's adds, removals and disabled-plan
     * changes at once.
     */
    record AssignLicenses(UserId user, String userPrincipalName, List<LicenseAdd> addLicenses, List<SkuId> removeLicenses)
            implements WriteOperation {
        public AssignLicenses {
            requireNonNull(user, "user is null");
            requireNonNull(userPrincipalName, "userPrincipalName is null");
            addLicenses = List.copyOf(addLicenses);
            removeLicenses = List.copyOf(removeLicenses);
            if (addLicenses.isEmpty() && removeLicenses.isEmpty()) {
                throw new IllegalArgumentException("an assignLicense call for " + userPrincipalName + " changes nothing");
            }
        }

        /** Done when every added SKU is held directly with exactly the asked disabled plans, and no removed SKU is held directly. */
        @Override
        public boolean isDoneIn(UserLicenses state) {
            for (LicenseAdd add : addLicenses) {
                Optional<LicenseAssignment> held = state.direct(add.skuId());
                if (held.isEmpty() || !held.get().disabledPlans().equals(new TreeSet<ServicePlanId>(add.disabledPlans()))) {
                    return false;
                }
            }
            for (SkuId removed : removeLicenses) {
                if (state.direct(removed).isPresent()) {
                    return false;
                }
            }
            return true;
        }

        public boolean removesOnly() {
            return addLicenses.isEmpty();
        }
    }
}
