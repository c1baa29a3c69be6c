package io.seatwarden.report;

import io.seatwarden.policy.PolicyRevision;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where a report came from, beside the plan itself: when it was made, the tenant's name when the
 * run knows one (the scheduler's tenants), and the policies' revision. The shell fills it in (it has
 * the clock and the files); renderers only print it, so a report stays a function of its inputs.
 * The JSON report carries the tenant name and the revision, never the time (the plan JSON has no
 * timestamps, so that equal inputs give equal bytes).
 *
 * <pre>{@code
 * PlanHeader header = PlanHeader.NONE.generatedAt(clock.instant()).policies(PolicyRevisions.of(directory));
 * }</pre>
 */
public record PlanHeader(Optional<Instant> generatedAt, Optional<String> tenantName, Optional<PolicyRevision> policies) {
    /** Nothing known beyond the plan (tests, and callers that have nothing to add). */
    public static final PlanHeader NONE = new PlanHeader(Optional.empty(), Optional.empty(), Optional.empty());

    public PlanHeader {
        requireNonNull(generatedAt, "generatedAt is null");
        requireNonNull(tenantName, "tenantName is null");
        requireNonNull(policies, "policies is null");
    }

    public PlanHeader generatedAt(Instant instant) {
        return new PlanHeader(Optional.of(instant), tenantName, policies);
    }

    public PlanHeader tenantName(String name) {
        return new PlanHeader(generatedAt, Optional.of(name), policies);
    }

    public PlanHeader policies(PolicyRevision revision) {
        return new PlanHeader(generatedAt, tenantName, Optional.of(revision));
    }

    /** The revision when known, else this header as it is. */
    public PlanHeader policies(Optional<PolicyRevision> revision) {
        return revision.map(this::policies).orElse(this);
    }

    /** The time in UTC to the second, e.g. {@code 2026-12-02T13:45:07Z}. */
    static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** {@code generated 2026-12-02T13:45:07Z} and {@code policies git …, sha256 …}, whichever are known. */
    List<String> facts() {
        List<String> facts = new ArrayList<>();
        generatedAt.ifPresent(instant -> facts.add("generated " + time(instant)));
        policies.ifPresent(revision -> facts.add("policies " + revision.describe()));
        return facts;
    }
}
