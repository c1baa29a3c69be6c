package io.seatwarden.schedule;

import io.seatwarden.policy.PolicyProblem;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/** A tenants file (or a policy directory it names) is invalid: every problem, in file order, each with its {@code file:line:column}. */
public final class TenantsFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<PolicyProblem> problems;

    public TenantsFileException(List<PolicyProblem> problems) {
        super(sorted(problems).stream().map(PolicyProblem::toString).collect(Collectors.joining(System.lineSeparator())));
        this.problems = sorted(problems);
    }

    public List<PolicyProblem> problems() {
        return problems;
    }

    private static List<PolicyProblem> sorted(List<PolicyProblem> problems) {
        List<PolicyProblem> copy = new ArrayList<>(problems);
        Collections.sort(copy);
        return List.copyOf(copy);
    }
}
