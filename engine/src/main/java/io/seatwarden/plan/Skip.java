package io.seatwarden.plan;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.seatwarden.directory.UserId;

import static java.util.Objects.requireNonNull;

/** A user a policy reaches but the plan leaves alone, and why. */
@JsonPropertyOrder({"userId", "userPrincipalName", "reason", "policy", "skuPartNumber"})
public record Skip(UserId userId, String userPrincipalName, SkipReason reason, String policy, String skuPartNumber) {
    public Skip {
        requireNonNull(userId, "userId is null");
        requireNonNull(userPrincipalName, "userPrincipalName is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(policy, "policy is null");
        requireNonNull(skuPartNumber, "skuPartNumber is null");
    }
}
