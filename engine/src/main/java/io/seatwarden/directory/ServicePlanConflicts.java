package io.seatwarden.directory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * The service plans Microsoft lists as unable to be assigned to one user at the same time
 * ("Service plans that cannot be assigned at the same time", Entra docs): plans of the same family
 * conflict with each other. Microsoft says the list covers the most common cases only; Graph's own
 * refusal stays the final word. Immutable and thread-safe.
 * <pre>{@code
 * ServicePlanConflicts conflicts = ServicePlanConflicts.bundled();
 * conflicts.firstConflict(planIdsAUserHolds, planIdsAGrantEnables).ifPresent(conflict -> ...);
 * }</pre>
 */
public final class ServicePlanConflicts {
    /** One plan of the list. */
    public record Plan(String family, String servicePlanName, ServicePlanId servicePlanId) {
        public Plan {
            requireNonNull(family, "family is null");
            requireNonNull(servicePlanName, "servicePlanName is null");
            requireNonNull(servicePlanId, "servicePlanId is null");
        }
    }

    /** Two plans that cannot be enabled together: {@code held} is already on the user, {@code added} would come. */
    public record Conflict(Plan held, Plan added) {}

    /** Classpath name of the bundled list (a transcription of the Entra docs page, see shared/data/README.md). */
    public static final String BUNDLED_RESOURCE = "seatwarden/mutually-exclusive-service-plans.csv";
    private static final String HEADER = "family,servicePlanName,servicePlanId";

    private final Map<ServicePlanId, Plan> byId;

    /** The list that ships inside the jar. */
    public static ServicePlanConflicts bundled() {
        InputStream in = ServicePlanConflicts.class.getClassLoader().getResourceAsStream(BUNDLED_RESOURCE);
        if (in == null) {
            throw new IllegalStateException("the bundled list " + BUNDLED_RESOURCE + " is missing from the classpath");
        }
        try (in) {
            return parse(in, "classpath:" + BUNDLED_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled list of mutually exclusive service plans", e);
        }
    }

    /**
     * Parses the CSV ({@code family,servicePlanName,servicePlanId}, UTF-8, optional byte order mark, no quoted
     * fields); {@code source} names it in errors.
     *
     * @throws IllegalArgumentException naming {@code source:line} for a malformed file
     */
    public static ServicePlanConflicts parse(InputStream in, String source) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String header = reader.readLine();
        if (header == null || !header.replace("\uFEFF", "").trim().equals(HEADER)) {
            throw new IllegalArgumentException(source + ":1: expected the header " + HEADER);
        }
        List<Plan> plans = new ArrayList<>();
        int number = 1;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (fields.length != 3) {
                throw new IllegalArgumentException(source + ":" + number + ": expected 3 fields, found " + fields.length);
            }
            ServicePlanId id;
            try {
                id = ServicePlanId.of(fields[2].trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ":" + number + ": servicePlanId is not a GUID: '" + fields[2] + "'");
            }
            plans.add(new Plan(fields[0].trim(), fields[1].trim(), id));
        }
        return new ServicePlanConflicts(plans);
    }

    public ServicePlanConflicts(List<Plan> plans) {
        Map<ServicePlanId, Plan> index = new LinkedHashMap<>();
        for (Plan plan : plans) {
            index.putIfAbsent(plan.servicePlanId(), plan);
        }
        this.byId = java.util.Collections.unmodifiableMap(index);
    }

    public static ServicePlanConflicts none() {
        return new ServicePlanConflicts(List.of());
    }

    public Optional<Plan> plan(ServicePlanId id) {
        return Optional.ofNullable(byId.get(id));
    }

    public int size() {
        return byId.size();
    }

    /**
     * The first conflict (in the order of {@code added}, then of {@code held}) between a plan of {@code added}
     * and a different plan of the same family in {@code held}; a plan never conflicts with itself.
     */
    public Optional<Conflict> firstConflict(Collection<ServicePlanId> held, Collection<ServicePlanId> added) {
        if (byId.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Plan> heldByFamily = new TreeMap<>();
        for (ServicePlanId id : held) {
            Plan plan = byId.get(id);
            if (plan != null) {
                heldByFamily.putIfAbsent(plan.family(), plan);
            }
        }
        if (heldByFamily.isEmpty()) {
            return Optional.empty();
        }
        for (ServicePlanId id : added) {
            Plan plan = byId.get(id);
            if (plan == null) {
                continue;
            }
            for (ServicePlanId other : held) {
                Plan heldPlan = byId.get(other);
                if (heldPlan != null && heldPlan.family().equals(plan.family()) && !other.equals(id)) {
                    return Optional.of(new Conflict(heldPlan, plan));
                }
            }
        }
        return Optional.empty();
    }
}
