package io.seatwarden.plan;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.seatwarden.directory.SkuId;

import static java.util.Objects.requireNonNull;

/**
 * A {@code removeLicenses} entry, and why.
 *
 * @param reason why the license goes; journal entries written before reasons existed read as {@code NOT_ENTITLED}
 */
@JsonPropertyOrder({"skuId", "skuPartNumber", "reason"})
public record LicenseRemoval(SkuId skuId, String skuPartNumber, RemovalReason reason) {
    public LicenseRemoval {
        requireNonNull(skuId, "skuId is null");
        requireNonNull(skuPartNumber, "skuPartNumber is null");
        reason = reason == null ? RemovalReason.NOT_ENTITLED : reason;
    }

    /** The removal of a license no policy entitles the user to. */
    public LicenseRemoval(SkuId skuId, String skuPartNumber) {
        this(skuId, skuPartNumber, RemovalReason.NOT_ENTITLED);
    }
}
