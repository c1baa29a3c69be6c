package io.seatwarden.plan;

import io.seatwarden.policy.PolicyProblem;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of resolving policy references against a tenant: the resolved policies, or every
 * problem found (unknown SKU, group or plan; ambiguous group name), sorted by place.
 */
public record Resolution(Optional<ResolvedPolicies> policies, List<PolicyProblem> problems) {
    public Resolution {
        problems = List.copyOf(problems);
        if (policies.isPresent() && !problems.isEmpty()) {
            throw new IllegalArgumentException("a resolution with problems has no policies");
        }
        if (policies.isEmpty() && problems.isEmpty()) {
            throw new IllegalArgumentException("a failed resolution needs problems");
        }
    }

    public static Resolution success(ResolvedPolicies policies) {
        return new Resolution(Optional.of(policies), List.of());
    }

    public static Resolution failure(List<PolicyProblem> problems) {
        return new Resolution(Optional.empty(), problems);
    }

    public boolean isSuccess() {
        return policies.isPresent();
    }

    /** @throws IllegalStateException when resolution failed */
    public ResolvedPolicies orThrow() {
        return policies.orElseThrow(() -> new IllegalStateException("policies did not resolve: " + problems));
    }
}
