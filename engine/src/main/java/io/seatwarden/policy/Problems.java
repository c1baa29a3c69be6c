package io.seatwarden.policy;

import java.util.ArrayList;
import java.util.List;

/** Collects problems instead of stopping at the first (airlift's {@code Problems}). */
final class Problems {
    private final List<PolicyProblem> problems = new ArrayList<>();

    void add(SourceLocation location, String message) {
        problems.add(new PolicyProblem(location, message));
    }

    int size() {
        return problems.size();
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    List<PolicyProblem> sorted() {
        return problems.stream().sorted().toList();
    }
}
