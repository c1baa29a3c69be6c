package io.seatwarden.plan;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.UserId;

import static java.util.Objects.requireNonNull;

/**
 * A license Graph reports in trouble for a user in scope: typically Entra's own group-based licensing
 * failing (state {@code Error}, e.g. {@code CountViolation}), which the user therefore does not hold.
 *
 * @param assignedByGroup the group whose Entra licensing failed, or null for a direct assignment
 * @param error Graph's code ({@code CountViolation}, {@code MutuallyExclusiveViolation}, ...), or the state
 *     ({@code Disabled}, {@code Error}) when Graph gives no code
 */
@JsonPropertyOrder({"userId", "userPrincipalName", "skuId", "skuPartNumber", "assignedByGroup", "error"})
public record LicenseError(UserId userId, String userPrincipalName, SkuId skuId, String skuPartNumber, String assignedByGroup,
                           String error) {
    public LicenseError {
        requireNonNull(userId, "userId is null");
        requireNonNull(userPrincipalName, "userPrincipalName is null");
        requireNonNull(skuId, "skuId is null");
        requireNonNull(skuPartNumber, "skuPartNumber is null");
        requireNonNull(error, "error is null");
    }
}
