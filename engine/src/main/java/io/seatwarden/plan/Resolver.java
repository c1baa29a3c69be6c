package io.seatwarden.plan;

import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.directory.Group;
import io.seatwarden.directory.GroupId;
import io.seatwarden.directory.Guids;
import io.seatwarden.directory.ServicePlan;
import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.SubscribedSku;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.User;
import io.seatwarden.directory.UserId;
import io.seatwarden.policy.LicenseGrant;
import io.seatwarden.policy.Policy;
import io.seatwarden.policy.PolicyProblem;
import io.seatwarden.policy.PolicySet;
import io.seatwarden.policy.SourceLocation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Resolves policy references against a tenant: SKUs by skuPartNumber, skuId or product display name
 * (through Microsoft's catalog), service plans by name or id, groups by id or unique display name.
 * Pure: no I/O. Collects every problem rather than stopping at the first.
 *
 * <p>The tenant is the truth about what exists: a product the catalog knows but the tenant does not
 * own is an error, and service plans come from the tenant's own {@code servicePlans} (the catalog's
 * list is used only when the tenant lists none, as hand-written tenant files may).
 */
public final class Resolver {
    private final ProductCatalog catalog;

    public Resolver(ProductCatalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    public Resolution resolve(PolicySet policySet, TenantSnapshot tenant) {
        List<PolicyProblem> problems = new ArrayList<>();
        Map<String, List<Group>> groupsByName = new HashMap<>();
        for (Group group : tenant.groups()) {
            groupsByName.computeIfAbsent(group.displayName().toLowerCase(Locale.ROOT), name -> new ArrayList<>()).add(group);
        }

        List<ResolvedPolicies.ResolvedPolicy> resolved = new ArrayList<>();
        for (Policy policy : policySet.policies()) {
            Optional<GroupId> group = resolveGroup(policy, tenant, groupsByName, problems);
            List<ResolvedPolicies.ResolvedGrant> grants = new ArrayList<>();
            for (LicenseGrant grant : policy.licenses()) {
                resolveSku(grant.sku(), grant.location(), tenant, problems)
                        .flatMap(sku -> resolveGrant(grant, sku, problems))
                        .ifPresent(grants::add);
            }
            group.ifPresent(id -> resolved.add(new ResolvedPolicies.ResolvedPolicy(
                    policy.name(), id, policy.priority(), policy.usageLocation(), grants)));
        }

        Map<SkuId, Integer> reserve = new HashMap<>();
        policySet.settings().reserve().forEach((reference, seats) ->
                resolveSku(reference, policySet.settings().location(), tenant, problems)
                        .ifPresent(sku -> reserve.merge(sku.skuId(), seats, Integer::sum)));

        Map<SkuId, BigDecimal> prices = new HashMap<>();
        policySet.settings().prices().forEach((reference, price) ->
                resolveSku(reference, policySet.settings().location(), tenant, problems)
                        .ifPresent(sku -> prices.put(sku.skuId(), price)));

        Set<UserId> protectedUsers = new HashSet<>();
        List<String> unmatchedProtectedUsers = new ArrayList<>();
        Map<String, UserId> byPrincipalName = protectedUsersByName(tenant, policySet.settings().protectedUsers());
        for (String reference : policySet.settings().protectedUsers()) {
            String key = reference.toLowerCase(Locale.ROOT);
            Optional<UserId> byName = Optional.ofNullable(byPrincipalName.get(key));
            Optional<UserId> byId = tenant.user(new UserId(reference)).map(User::id);
            byName.ifPresent(protectedUsers::add);
            byId.ifPresent(protectedUsers::add);
            if (byName.isEmpty() && byId.isEmpty()) {
                unmatchedProtectedUsers.add(reference);
            }
        }

        if (!problems.isEmpty()) {
            Collections.sort(problems);
            return Resolution.failure(problems);
        }
        return Resolution.success(new ResolvedPolicies(resolved, reserve, protectedUsers,
                unmatchedProtectedUsers, policySet.settings(), dataPlans(tenant), prices, catalog.conflicts()));
    }

    /** Per SKU of the tenant, the service plans that hold user data: a removal of it may put a mailbox or files at risk. */
    private Map<SkuId, Map<ServicePlanId, DataAtStake>> dataPlans(TenantSnapshot tenant) {
        Map<SkuId, Map<ServicePlanId, DataAtStake>> result = new HashMap<>();
        for (SubscribedSku sku : tenant.subscribedSkus()) {
            Map<ServicePlanId, DataAtStake> plans = new HashMap<>();
            for (ServicePlan plan : plansOf(sku)) {
                DataAtStake.ofServicePlan(plan.servicePlanName()).ifPresent(data -> plans.put(plan.servicePlanId(), data));
            }
            if (!plans.isEmpty()) {
                result.put(sku.skuId(), plans);
            }
        }
        return result;
    }

    private static Map<String, UserId> protectedUsersByName(TenantSnapshot tenant, List<String> references) {
        Set<String> wanted = references.stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Map<String, UserId> result = new HashMap<>();
        if (wanted.isEmpty()) {
            return result;
        }
        for (User user : tenant.users()) {
            String key = user.userPrincipalName().toLowerCase(Locale.ROOT);
            if (wanted.contains(key)) {
                result.put(key, user.id());
            }
        }
        return result;
    }

    private static Optional<GroupId> resolveGroup(
            Policy policy, TenantSnapshot tenant, Map<String, List<Group>> groupsByName, List<PolicyProblem> problems) {
        String reference = policy.group().trim();
        Optional<Group> byId = tenant.group(new GroupId(reference));
        if (byId.isPresent()) {
            return Optional.of(byId.get().id());
        }
        List<Group> named = groupsByName.getOrDefault(reference.toLowerCase(Locale.ROOT), List.of());
        List<Group> exact = named.stream().filter(group -> group.displayName().equals(reference)).collect(Collectors.toList());
        List<Group> candidates = exact.size() == 1 ? exact : named;
        if (candidates.size() == 1) {
            return Optional.of(candidates.get(0).id());
        }
        if (candidates.isEmpty()) {
            problems.add(new PolicyProblem(policy.location(), "policy '" + policy.name() + "': group '" + reference
                    + "' not found: no group has that id or display name"));
        } else {
            String ids = candidates.stream()
                    .map(group -> group.id().value() + " (\"" + group.displayName() + "\")")
                    .sorted()
                    .collect(Collectors.joining(", "));
            problems.add(new PolicyProblem(policy.location(), "policy '" + policy.name() + "': group name '" + reference
                    + "' is ambiguous: " + candidates.size() + " groups have it: " + ids + "; use the group's id"));
        }
        return Optional.empty();
    }

    private Optional<SubscribedSku> resolveSku(String reference, SourceLocation location, TenantSnapshot tenant, List<PolicyProblem> problems) {
        String text = reference.trim();
        if (Guids.isGuid(text)) {
            Optional<SubscribedSku> byId = tenant.sku(SkuId.of(text));
            if (byId.isEmpty()) {
                problems.add(new PolicyProblem(location, "SKU " + text + catalogName(SkuId.of(text))
                        + " is not among the tenant's subscriptions" + ownedSkus(tenant)));
            }
            return byId;
        }
        for (SubscribedSku sku : tenant.subscribedSkus()) {
            if (sku.skuPartNumber().equalsIgnoreCase(text)) {
                return Optional.of(sku);
            }
        }
        List<ProductCatalog.Product> products = catalog.byDisplayName(text);
        if (!products.isEmpty()) {
            List<SubscribedSku> owned = new ArrayList<>();
            for (ProductCatalog.Product product : products) {
                tenant.sku(product.skuId()).ifPresent(owned::add);
            }
            if (owned.size() == 1) {
                return Optional.of(owned.get(0));
            }
            String parts = products.stream().map(ProductCatalog.Product::skuPartNumber).sorted().collect(Collectors.joining(", "));
            if (owned.isEmpty()) {
                problems.add(new PolicyProblem(location, "SKU '" + text + "' (" + parts + " in Microsoft's catalog) is not among the tenant's subscriptions" + ownedSkus(tenant)));
            } else {
                problems.add(new PolicyProblem(location, "SKU name '" + text + "' is ambiguous: the tenant has " + parts + "; use a skuPartNumber"));
            }
            return Optional.empty();
        }
        Optional<ProductCatalog.Product> known = catalog.byPartNumber(text);
        if (known.isPresent()) {
            problems.add(new PolicyProblem(location, "SKU '" + text + "' (" + known.get().displayName()
                    + ") is not among the tenant's subscriptions" + ownedSkus(tenant)));
        } else {
            problems.add(new PolicyProblem(location, "unknown SKU '" + text
                    + "': not a skuPartNumber, skuId or product name of the tenant's subscriptions" + ownedSkus(tenant)));
        }
        return Optional.empty();
    }

    private String catalogName(SkuId skuId) {
        return catalog.bySkuId(skuId).map(product -> " (" + product.skuPartNumber() + ")").orElse("");
    }

    private static String ownedSkus(TenantSnapshot tenant) {
        String parts = tenant.subscribedSkus().stream().map(SubscribedSku::skuPartNumber).sorted().collect(Collectors.joining(", "));
        return parts.isEmpty() ? " (the tenant has none)" : " (the tenant has " + parts + ")";
    }

    private Optional<ResolvedPolicies.ResolvedGrant> resolveGrant(LicenseGrant grant, SubscribedSku sku, List<PolicyProblem> problems) {
        List<ServicePlan> plans = plansOf(sku);
        int before = problems.size();
        SortedSet<ServicePlanId> disabled = new TreeSet<>();
        for (String reference : grant.disabledPlans()) {
            resolvePlan(reference, sku, plans, grant.location(), "disabledPlans", problems).ifPresent(disabled::add);
        }
        if (grant.enabledPlans().isPresent()) {
            Set<ServicePlanId> enabled = new HashSet<>();
            for (String reference : grant.enabledPlans().get()) {
                resolvePlan(reference, sku, plans, grant.location(), "enabledPlans", problems).ifPresent(enabled::add);
            }
            for (ServicePlan plan : plans) {
                if (!enabled.contains(plan.servicePlanId())) {
                    disabled.add(plan.servicePlanId());
                }
            }
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new ResolvedPolicies.ResolvedGrant(sku.skuId(), sku.skuPartNumber(), disabled, grant.prune(),
                grant.adopt(), grant.reclaim()));
    }

    /** The tenant's plans for a SKU; the catalog's when the tenant lists none. */
    private List<ServicePlan> plansOf(SubscribedSku sku) {
        if (!sku.servicePlans().isEmpty()) {
            return sku.servicePlans();
        }
        List<ServicePlan> plans = new ArrayList<>();
        catalog.bySkuId(sku.skuId()).ifPresent(product -> product.servicePlans().forEach(plan ->
                plans.add(new ServicePlan(plan.servicePlanId(), plan.servicePlanName(), null))));
        return plans;
    }

    private static Optional<ServicePlanId> resolvePlan(
            String reference, SubscribedSku sku, List<ServicePlan> plans, SourceLocation location, String key, List<PolicyProblem> problems) {
        String text = reference.trim();
        for (ServicePlan plan : plans) {
            if (plan.servicePlanName().equalsIgnoreCase(text) || plan.servicePlanId().toString().equalsIgnoreCase(text)) {
                return Optional.of(plan.servicePlanId());
            }
        }
        String known = plans.stream().map(ServicePlan::servicePlanName).sorted().collect(Collectors.joining(", "));
        problems.add(new PolicyProblem(location, key + ": service plan '" + text + "' is not part of " + sku.skuPartNumber()
                + (known.isEmpty() ? " (its service plans are unknown)" : " (its plans: " + known + ")")));
        return Optional.empty();
    }
}
