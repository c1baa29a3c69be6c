package io.seatwarden.policy;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What loading a policy directory gave: the policies when there was no problem at all, otherwise
 * every problem in every file, sorted by file, line and column.
 *
 * @param policySet present exactly when {@code problems} is empty
 * @param problems every problem found, sorted
 * @param files the names of the files read, sorted
 */
public record PolicyLoadResult(Optional<PolicySet> policySet, List<PolicyProblem> problems, List<String> files) {
    public PolicyLoadResult {
        requireNonNull(policySet, "policySet is null");
        problems = problems.stream().sorted().toList();
        files = List.copyOf(files);
        if (policySet.isPresent() != problems.isEmpty()) {
            throw new IllegalArgumentException("a result holds policies or problems, never both or neither");
        }
    }

    public static PolicyLoadResult valid(PolicySet policySet, List<String> files) {
        return new PolicyLoadResult(Optional.of(policySet), List.of(), files);
    }

    public static PolicyLoadResult invalid(List<PolicyProblem> problems, List<String> files) {
        return new PolicyLoadResult(Optional.empty(), problems, files);
    }

    public boolean isValid() {
        return problems.isEmpty();
    }
}
