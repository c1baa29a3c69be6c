package io.seatwarden.reconcile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.seatwarden.directory.UserId;
import io.seatwarden.plan.LicenseAdd;
import io.seatwarden.plan.LicenseRemoval;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One user's change and what became of it.
 *
 * @param usageLocation the location the change set (null when none)
 * @param addLicenses the adds sent (for {@code APPLIED}, {@code PARTIAL} and {@code WAITING_FOR_SEATS} after Graph
 *     refused some SKUs of the call: those that took effect)
 * @param removeLicenses the removals sent (likewise)
 * @param heldRemovals removals the removal guard held back (not sent)
 * @param detail why it failed or waits; empty when applied
 * @param attempts how many times its license write was sent (0 when not sent)
 * @param settledByReadBack true when an ambiguous failure was settled by reading the user back
 * @param refusedLicenses SKUs Graph refused while the user's other SKUs went again without them (rule 10)
 */
@JsonPropertyOrder({"userId", "userPrincipalName", "status", "usageLocation", "addLicenses", "removeLicenses", "heldRemovals",
        "detail", "attempts", "settledByReadBack", "refusedLicenses"})
public record ChangeOutcome(
        UserId userId,
        String userPrincipalName,
        ChangeStatus status,
        @JsonInclude(JsonInclude.Include.ALWAYS) String usageLocation,
        List<LicenseAdd> addLicenses,
        List<LicenseRemoval> removeLicenses,
        List<LicenseRemoval> heldRemovals,
        String detail,
        int attempts,
        boolean settledByReadBack,
        List<RefusedLicense> refusedLicenses) {
    public ChangeOutcome {
        requireNonNull(userId, "userId is null");
        requireNonNull(userPrincipalName, "userPrincipalName is null");
        requireNonNull(status, "status is null");
        addLicenses = List.copyOf(addLicenses);
        removeLicenses = List.copyOf(removeLicenses);
        heldRemovals = List.copyOf(heldRemovals);
        requireNonNull(detail, "detail is null");
        refusedLicenses = List.copyOf(refusedLicenses);
    }

    /** A change without SKUs refused apart. */
    public ChangeOutcome(UserId userId, String userPrincipalName, ChangeStatus status, String usageLocation, List<LicenseAdd> addLicenses,
            List<LicenseRemoval> removeLicenses, List<LicenseRemoval> heldRemovals, String detail, int attempts, boolean settledByReadBack) {
        this(userId, userPrincipalName, status, usageLocation, addLicenses, removeLicenses, heldRemovals, detail, attempts,
                settledByReadBack, List.of());
    }
}
