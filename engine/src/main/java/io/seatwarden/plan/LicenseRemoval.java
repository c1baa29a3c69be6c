package io.seatwarden.plan;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.seatwarden.directory.SkuId;

import static java.util.Objects.requireNonNull;

/** A {@code removeLicenses} entry. */
@JsonPropertyOrder({"skuId", "skuPartNumber"})
public record LicenseRemoval(SkuId skuId, String skuPartNumber) {
    public LicenseRemoval {
        requireNonNull(skuId, "skuId is null");
        requireNonNull(skuPartNumber, "skuPartNumber is null");
    }
}
