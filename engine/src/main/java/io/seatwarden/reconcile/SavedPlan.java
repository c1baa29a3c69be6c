package io.seatwarden.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seatwarden.directory.TenantId;
import io.seatwarden.plan.LicenseAdd;
import io.seatwarden.plan.LicenseRemoval;
import io.seatwarden.plan.Plan;
import io.seatwarden.plan.UserChange;
import io.seatwarden.state.RunId;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * The part of a saved plan ({@code plan --format json}) that {@code apply --plan FILE} checks: its
 * tenant, its changes and whether the removal guard holds its removals. Applying a saved plan means
 * applying a fresh plan of the same tenant only when those are the same: what a reviewer approved is
 * exactly what goes out.
 *
 * @param tenantId empty when the file does not say
 * @param changes by user id
 * @param removalsHeld whether the removal guard would hold back the plan's removals; empty when the file does not say
 */
public record SavedPlan(Optional<TenantId> tenantId, Map<String, ChangeKey> changes, Optional<RunId> undoes, Optional<Boolean> removalsHeld) {
    public SavedPlan {
        requireNonNull(tenantId, "tenantId is null");
        changes = Map.copyOf(changes);
        requireNonNull(undoes, "undoes is null");
        requireNonNull(removalsHeld, "removalsHeld is null");
    }

    /** What matters about one user's change: the location set, each add with its disabled plans, each removal. */
    public record ChangeKey(String userPrincipalName, String usageLocation, SortedSet<String> adds, SortedSet<String> removals) {
        @Override
        public String toString() {
            return userPrincipalName + (usageLocation == null ? "" : " usageLocation=" + usageLocation) + " add=" + adds + " remove=" + removals;
        }
    }

    public static SavedPlan of(Plan plan) {
        Map<String, ChangeKey> changes = new TreeMap<>();
        for (UserChange change : plan.changes()) {
            SortedSet<String> adds = new TreeSet<>();
            for (LicenseAdd add : change.addLicenses()) {
                adds.add(add.skuId() + new TreeSet<>(add.disabledPlans().stream().map(Object::toString).toList()).toString());
            }
            SortedSet<String> removals = new TreeSet<>();
            for (LicenseRemoval removal : change.removeLicenses()) {
                removals.add(removal.skuId().toString());
            }
            changes.put(change.userId().value(), new ChangeKey(change.userPrincipalName(), change.usageLocation(), adds, removals));
        }
        return new SavedPlan(Optional.of(plan.tenantId()), changes, undoneRun(policyLists(plan)),
                Optional.of(plan.summary().removalGuard().wouldTrip()));
    }

    /**
     * Reads the JSON a {@code plan --format json} wrote.
     *
     * @throws IllegalArgumentException naming the problem when it is not such a plan
     */
    public static SavedPlan parse(String json, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr()
                    + ": not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.path("changes").isArray()) {
            throw new IllegalArgumentException(source + ": not a saved plan (expected the JSON of plan --format json, with changes[])");
        }
        Optional<TenantId> tenant = root.hasNonNull("tenantId") ? Optional.of(TenantId.of(root.get("tenantId").asText())) : Optional.empty();
        Map<String, ChangeKey> changes = new TreeMap<>();
        List<List<String>> policies = new ArrayList<>();
        int index = 0;
        for (JsonNode change : root.get("changes")) {
            List<String> names = new ArrayList<>();
            change.path("policies").forEach(name -> names.add(name.asText()));
            policies.add(names);
            String place = source + ": changes[" + index++ + "]";
            String userId = text(change, "userId", place);
            SortedSet<String> adds = new TreeSet<>();
            for (JsonNode add : change.path("addLicenses")) {
                SortedSet<String> disabled = new TreeSet<>();
                for (JsonNode plan : add.path("disabledPlans")) {
                    disabled.add(plan.asText().toLowerCase(java.util.Locale.ROOT));
                }
                adds.add(text(add, "skuId", place).toLowerCase(java.util.Locale.ROOT) + disabled);
            }
            SortedSet<String> removals = new TreeSet<>();
            for (JsonNode removal : change.path("removeLicenses")) {
                removals.add(text(removal, "skuId", place).toLowerCase(java.util.Locale.ROOT));
            }
            String location = change.hasNonNull("usageLocation") ? change.get("usageLocation").asText() : null;
            changes.put(userId, new ChangeKey(change.path("userPrincipalName").asText(userId), location, adds, removals));
        }
        JsonNode wouldTrip = root.path("summary").path("removalGuard").path("wouldTrip");
        Optional<Boolean> removalsHeld = wouldTrip.isBoolean() ? Optional.of(wouldTrip.booleanValue()) : Optional.empty();
        return new SavedPlan(tenant, changes, undoneRun(policies), removalsHeld);
    }

    private static List<List<String>> policyLists(Plan plan) {
        List<List<String>> lists = new ArrayList<>();
        for (UserChange change : plan.changes()) {
            lists.add(change.policies());
        }
        return lists;
    }

    /** The run an undo plan reverses: every change names the same {@link UndoPlanner#policyName} and nothing else. */
    private static Optional<RunId> undoneRun(List<List<String>> policies) {
        String prefix = "(undo of run ";
        Optional<RunId> run = Optional.empty();
        for (List<String> names : policies) {
            if (names.size() != 1 || !names.get(0).startsWith(prefix) || !names.get(0).endsWith(")")) {
                return Optional.empty();
            }
            RunId id = RunId.of(names.get(0).substring(prefix.length(), names.get(0).length() - 1));
            if (run.isPresent() && !run.get().equals(id)) {
                return Optional.empty();
            }
            run = Optional.of(id);
        }
        return run;
    }

    /** How a fresh plan differs from this one, one line per user (empty when they match). */
    public List<String> differences(Plan fresh) {
        List<String> differences = new ArrayList<>();
        if (tenantId.isPresent() && !tenantId.get().equals(fresh.tenantId())) {
            differences.add("the saved plan is for tenant " + tenantId.get() + ", this tenant is " + fresh.tenantId());
            return differences;
        }
        // Rule 9: the same removals listed are not the same run when the guard now decides otherwise about them.
        boolean heldNow = fresh.summary().removalGuard().wouldTrip();
        if (removalsHeld.isPresent() && removalsHeld.get() != heldNow) {
            differences.add(removalsHeld.get()
                    ? "the saved plan's removals were held back by the removal guard; now they would go out (was it made with another --max-removals?)"
                    : "the saved plan's removals would go out; now the removal guard holds them back (" + fresh.summary().removalGuard().reason()
                            + "): pass the --max-removals the plan was made with, or plan again");
        }
        Map<String, ChangeKey> now = of(fresh).changes();
        TreeMap<String, ChangeKey> saved = new TreeMap<>(changes);
        for (Map.Entry<String, ChangeKey> entry : saved.entrySet()) {
            ChangeKey current = now.get(entry.getKey());
            if (current == null) {
                differences.add(entry.getValue().userPrincipalName() + ": no longer needs a change (saved: " + entry.getValue() + ")");
            } else if (!sameChange(current, entry.getValue())) {
                differences.add(entry.getValue().userPrincipalName() + ": saved " + entry.getValue() + ", now " + current);
            }
        }
        for (Map.Entry<String, ChangeKey> entry : new TreeMap<>(now).entrySet()) {
            if (!saved.containsKey(entry.getKey())) {
                differences.add(entry.getValue().userPrincipalName() + ": now needs a change the saved plan lacks (" + entry.getValue() + ")");
            }
        }
        return differences;
    }

    private static boolean sameChange(ChangeKey a, ChangeKey b) {
        return java.util.Objects.equals(a.usageLocation(), b.usageLocation()) && a.adds().equals(b.adds()) && a.removals().equals(b.removals());
    }

    private static String text(JsonNode node, String field, String place) {
        if (!node.hasNonNull(field)) {
            throw new IllegalArgumentException(place + ": missing " + field);
        }
        return node.get(field).asText();
    }
}
