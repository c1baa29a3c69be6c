package io.seatwarden.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.UserId;

import static java.util.Objects.requireNonNull;

/**
 * A license a user already holds directly that the engine takes as its own ({@code adopt: true}), without
 * any Graph write: from then on it is removed like one the engine assigned.
 *
 * @param policy the adopting policy (the first by priority, then name, that adopts the SKU)
 */
@JsonPropertyOrder({"userId", "userPrincipalName", "skuPartNumber", "policy"})
public record AdoptedLicense(UserId userId, String userPrincipalName, @JsonIgnore SkuId skuId, String skuPartNumber, String policy) {
    public AdoptedLicense {
        requireNonNull(userId, "userId is null");
        requireNonNull(userPrincipalName, "userPrincipalName is null");
        requireNonNull(skuId, "skuId is null");
        requireNonNull(skuPartNumber, "skuPartNumber is null");
        requireNonNull(policy, "policy is null");
    }

    public Ownership.Key key() {
        return new Ownership.Key(userId, skuId);
    }
}
