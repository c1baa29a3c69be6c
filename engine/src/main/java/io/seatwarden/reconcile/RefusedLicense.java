package io.seatwarden.reconcile;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.seatwarden.directory.SkuId;

import static java.util.Objects.requireNonNull;

/**
 * One SKU of a user's change that Graph refused while the rest of the change could still go
 * (rule 10: one refused SKU never blocks the user's other SKUs).
 *
 * @param action whether the SKU was to be added (or updated) or removed
 * @param reason the engine's name for Graph's refusal
 * @param detail what a person reads: the SKU and service plans by name, and Graph's status and code
 */
@JsonPropertyOrder({"skuId", "skuPartNumber", "action", "reason", "detail"})
public record RefusedLicense(SkuId skuId, String skuPartNumber, Action action, RefusalReason reason, String detail) {
    public enum Action { ADD, REMOVE }

    public RefusedLicense {
        requireNonNull(skuId, "skuId is null");
        requireNonNull(skuPartNumber, "skuPartNumber is null");
        requireNonNull(action, "action is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(detail, "detail is null");
    }

    /** {@code +SKU: reason} or {@code -SKU: reason}. */
    public String describe() {
        return (action == Action.ADD ? "+" : "-") + skuPartNumber + ": " + detail;
    }
}
