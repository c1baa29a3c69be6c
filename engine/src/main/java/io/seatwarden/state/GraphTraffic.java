package io.seatwarden.state;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * What a run cost in Graph traffic.
 *
 * @param requests HTTP requests sent to Graph (a {@code $batch} counts once)
 * @param throttleWait time spent waiting for a {@code Retry-After} or the write pace
 */
@JsonPropertyOrder({"requests", "throttleWaitSeconds"})
public record GraphTraffic(long requests, @JsonIgnore Duration throttleWait) {
    private static final GraphTraffic NONE = new GraphTraffic(0, Duration.ZERO);

    public GraphTraffic {
        requireNonNull(throttleWait, "throttleWait is null");
        if (requests < 0 || throttleWait.isNegative()) {
            throw new IllegalArgumentException("traffic must not be negative");
        }
    }

    public static GraphTraffic none() {
        return NONE;
    }

    /** This and {@code other} together (a run's reads and writes). */
    public GraphTraffic plus(GraphTraffic other) {
        return new GraphTraffic(requests + other.requests, throttleWait.plus(other.throttleWait));
    }

    @JsonProperty("throttleWaitSeconds")
    public double throttleWaitSeconds() {
        return throttleWait.toNanos() / 1e9;
    }
}
