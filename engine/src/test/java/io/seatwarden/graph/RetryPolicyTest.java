package io.seatwarden.graph;

import io.seatwarden.reconcile.GraphFailure;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(4, 3, Duration.ofSeconds(1), Duration.ofSeconds(5));

    @Test
    void throttlingWaitsExactlyRetryAfterUntilAttemptsRunOut() {
        GraphFailure throttled = new GraphFailure.Throttled(Duration.ofSeconds(7));
        assertThat(policy.nextDelay(1, throttled)).contains(Duration.ofSeconds(7));
        assertThat(policy.nextDelay(3, throttled)).contains(Duration.ofSeconds(7));
        assertThat(policy.nextDelay(4, throttled)).isEmpty();
    }

    @Test
    void transientFailuresHonourRetryAfterElseBackOffExponentiallyWithACap() {
        assertThat(policy.nextDelay(1, new GraphFailure.Transient(503, Optional.of(Duration.ofSeconds(2)), false, "busy")))
                .contains(Duration.ofSeconds(2));
        GraphFailure noHint = new GraphFailure.Transient(503, Optional.empty(), false, "busy");
        assertThat(policy.nextDelay(1, noHint)).contains(Duration.ofSeconds(1));
        assertThat(policy.nextDelay(2, noHint)).contains(Duration.ofSeconds(2));
        assertThat(policy.nextDelay(3, noHint)).isEmpty();
        RetryPolicy patient = new RetryPolicy(4, 10, Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertThat(patient.nextDelay(6, noHint)).contains(Duration.ofSeconds(5));
    }

    @Test
    void businessRefusalsAreFinal() {
        assertThat(policy.nextDelay(1, new GraphFailure.NoSeats("none"))).isEmpty();
        assertThat(policy.nextDelay(1, new GraphFailure.UnknownSku("x"))).isEmpty();
        assertThat(policy.nextDelay(1, new GraphFailure.InheritedOnly("x"))).isEmpty();
        assertThat(policy.nextDelay(1, new GraphFailure.NotFound("x"))).isEmpty();
        assertThat(policy.nextDelay(1, new GraphFailure.Other(403, "Authorization_RequestDenied", "no"))).isEmpty();
    }

    @Test
    void aMissingUsageLocationRightAfterSettingItIsRetriedBriefly() {
        GraphFailure missing = new GraphFailure.MissingUsageLocation("invalid usage location");
        assertThat(policy.nextDelay(1, missing)).isPresent();
        assertThat(policy.nextDelay(3, missing)).isEmpty();
    }

    @Test
    void classifiesGraphErrors() {
        assertThat(GraphErrors.classify(400, "Request_BadRequest", "Subscription with SKU x does not have any available licenses.",
                Optional.empty())).isInstanceOf(GraphFailure.NoSeats.class);
        assertThat(GraphErrors.classify(400, "Request_BadRequest", "License assignment cannot be done for user with invalid usage location.",
                Optional.empty())).isInstanceOf(GraphFailure.MissingUsageLocation.class);
        assertThat(GraphErrors.classify(400, "Request_BadRequest",
                "User license is inherited from a group membership and it cannot be removed directly from the user.", Optional.empty()))
                .isInstanceOf(GraphFailure.InheritedOnly.class);
        assertThat(GraphErrors.classify(429, "TooManyRequests", "later", Optional.of(Duration.ofSeconds(3))))
                .isEqualTo(new GraphFailure.Throttled(Duration.ofSeconds(3)));
        assertThat(GraphErrors.classify(504, "GatewayTimeout", "late", Optional.empty()))
                .isEqualTo(new GraphFailure.Transient(504, Optional.empty(), true, "late"));
        assertThat(GraphErrors.classify(503, "ServiceUnavailable", "busy", Optional.empty()))
                .isEqualTo(new GraphFailure.Transient(503, Optional.empty(), false, "busy"));
        assertThat(GraphErrors.classify(404, "Request_ResourceNotFound", "gone", Optional.empty())).isInstanceOf(GraphFailure.NotFound.class);
        assertThat(RetryAfter.parse("2", java.time.Instant.EPOCH)).contains(Duration.ofSeconds(2));
        assertThat(RetryAfter.parse("soon", java.time.Instant.EPOCH)).isEmpty();
    }
}
