package io.seatwarden.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.UserId;

import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A removal waiting out {@code settings.removalGraceDays}: not in {@code changes[]}; carried out by the first
 * run at or after {@code removeAfter}, and cancelled if the user qualifies again before.
 *
 * @param removeAfter when it falls due: first recorded + the grace period
 * @param dataAtStake user data the removal will take the last enabled service plan of when it is carried out, as
 *     {@link LicenseRemoval#dataAtStake()} says it; left out of the JSON when empty
 */
@JsonPropertyOrder({"userId", "userPrincipalName", "skuPartNumber", "reason", "removeAfter", "dataAtStake"})
public record PendingRemoval(UserId userId, String userPrincipalName, @JsonIgnore SkuId skuId, String skuPartNumber,
        RemovalReason reason, @JsonSerialize(using = ToStringSerializer.class) Instant removeAfter,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<DataAtStake> dataAtStake) {
    public PendingRemoval {
        requireNonNull(userId, "userId is null");
        requireNonNull(userPrincipalName, "userPrincipalName is null");
        requireNonNull(skuId, "skuId is null");
        requireNonNull(skuPartNumber, "skuPartNumber is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(removeAfter, "removeAfter is null");
        dataAtStake = dataAtStake == null ? List.of() : List.copyOf(dataAtStake);
    }

    public PendingRemoval(UserId userId, String userPrincipalName, SkuId skuId, String skuPartNumber, RemovalReason reason,
            Instant removeAfter) {
        this(userId, userPrincipalName, skuId, skuPartNumber, reason, removeAfter, List.of());
    }

    public PendingRemoval withDataAtStake(List<DataAtStake> data) {
        return new PendingRemoval(userId, userPrincipalName, skuId, skuPartNumber, reason, removeAfter, data);
    }

    public Ownership.Key key() {
        return new Ownership.Key(userId, skuId);
    }
}
