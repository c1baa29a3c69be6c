package io.seatwarden.plan;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.UserId;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A new seat the plan does not assign because the removal guard holds back the removals that would
 * free it (rule 9). The user is also in {@code skipped[]} as {@code NO_SEATS}; raising the limit for
 * the run ({@code --max-removals}) assigns it.
 *
 * @param policies the policies granting the SKU to the user, sorted
 */
@JsonPropertyOrder({"userId", "userPrincipalName", "skuId", "skuPartNumber", "policies"})
public record HeldAdd(UserId userId, String userPrincipalName, SkuId skuId, String skuPartNumber, List<String> policies) {
    public HeldAdd {
        requireNonNull(userId, "userId is null");
        requireNonNull(userPrincipalName, "userPrincipalName is null");
        requireNonNull(skuId, "skuId is null");
        requireNonNull(skuPartNumber, "skuPartNumber is null");
        policies = List.copyOf(policies);
    }
}
