package io.seatwarden.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.seatwarden.directory.UserId;

import static java.util.Objects.requireNonNull;

/**
 * A user a policy reaches but the plan leaves alone, and why.
 *
 * @param detail what a reason needs said beyond its name (for {@code SERVICE_PLAN_CONFLICT}: both plans and
 *     the SKU already held), or null
 */
@JsonPropertyOrder({"userId", "userPrincipalName", "reason", "policy", "skuPartNumber", "detail"})
public record Skip(UserId userId, String userPrincipalName, SkipReason reason, String policy, String skuPartNumber,
                   @JsonInclude(JsonInclude.Include.NON_NULL) String detail) {
    public Skip {
        requireNonNull(userId, "userId is null");
        requireNonNull(userPrincipalName, "userPrincipalName is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(policy, "policy is null");
        requireNonNull(skuPartNumber, "skuPartNumber is null");
    }

    public Skip(UserId userId, String userPrincipalName, SkipReason reason, String policy, String skuPartNumber) {
        this(userId, userPrincipalName, reason, policy, skuPartNumber, null);
    }
}
