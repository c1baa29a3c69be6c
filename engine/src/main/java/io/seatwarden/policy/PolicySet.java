package io.seatwarden.policy;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** Every policy from every file of a policy directory, and the settings. Names are unique. */
public record PolicySet(List<Policy> policies, Settings settings) {
    public PolicySet {
        policies = List.copyOf(policies);
        requireNonNull(settings, "settings is null");
    }
}
