package io.seatwarden.schedule;

import io.seatwarden.policy.PolicyLoadResult;
import io.seatwarden.policy.file.PolicyFiles;
import jakarta.inject.Inject;

import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Loads a tenant's policies when the service starts, to take {@code settings.schedule} from them;
 * invalid policies stop the service from starting, with every problem and its place.
 */
public final class PolicyFilesSchedules implements PolicySchedules {
    private final PolicyFiles policyFiles;

    @Inject
    public PolicyFilesSchedules(PolicyFiles policyFiles) {
        this.policyFiles = requireNonNull(policyFiles, "policyFiles is null");
    }

    @Override
    public Optional<String> scheduleOf(Path policyDirectory) {
        PolicyLoadResult result = policyFiles.load(policyDirectory);
        if (!result.isValid()) {
            throw new TenantsFileException(result.problems());
        }
        return result.policySet().orElseThrow().settings().schedule();
    }
}
