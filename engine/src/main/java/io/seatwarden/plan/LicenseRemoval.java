package io.seatwarden.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.seatwarden.directory.SkuId;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A {@code removeLicenses} entry, and why.
 *
 * @param reason why the license goes; journal entries written before reasons existed read as {@code NOT_ENTITLED}
 * @param dataAtStake user data the removal takes the last enabled service plan of (a mailbox, OneDrive files),
 *     sorted; left out of the JSON when empty
 */
@JsonPropertyOrder({"skuId", "skuPartNumber", "reason", "dataAtStake"})
public record LicenseRemoval(SkuId skuId, String skuPartNumber, RemovalReason reason,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<DataAtStake> dataAtStake) {
    public LicenseRemoval {
        requireNonNull(skuId, "skuId is null");
        requireNonNull(skuPartNumber, "skuPartNumber is null");
        reason = reason == null ? RemovalReason.NOT_ENTITLED : reason;
        dataAtStake = dataAtStake == null ? List.of() : List.copyOf(dataAtStake);
    }

    public LicenseRemoval(SkuId skuId, String skuPartNumber, RemovalReason reason) {
        this(skuId, skuPartNumber, reason, List.of());
    }

    public LicenseRemoval withDataAtStake(List<DataAtStake> data) {
        return new LicenseRemoval(skuId, skuPartNumber, reason, data);
    }

    /** The removal of a license no policy entitles the user to. */
    public LicenseRemoval(SkuId skuId, String skuPartNumber) {
        this(skuId, skuPartNumber, RemovalReason.NOT_ENTITLED);
    }
}
