package io.seatwarden.bench;

import io.seatwarden.directory.CapabilityStatus;
import io.seatwarden.directory.Group;
import io.seatwarden.directory.GroupId;
import io.seatwarden.directory.LicenseAssignment;
import io.seatwarden.directory.PrepaidUnits;
import io.seatwarden.directory.ServicePlan;
import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.SubscribedSku;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.User;
import io.seatwarden.directory.UserId;
import io.seatwarden.policy.LicenseGrant;
import io.seatwarden.policy.Policy;
import io.seatwarden.policy.PolicySet;
import io.seatwarden.policy.Settings;
import io.seatwarden.policy.SourceLocation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Generates large, realistic tenants for benchmarks, reproducibly from a seed: users spread over
 * department groups (the ones policies name, some nested under division groups, one nesting cycle)
 * and many small groups no policy names; most users already converged, a few guests, disabled
 * accounts and users without usage location; seats tight enough that allocation matters.
 */
public final class LargeTenants {
    public static final int SKUS = 10;
    public static final int PLANS_PER_SKU = 20;

    private LargeTenants() {}

    public record Generated(TenantSnapshot tenant, PolicySet policies) {}

    public static Generated generate(int users, int groups, int policies, long seed) {
        Random random = new Random(seed);
        List<SubscribedSku> skus = new ArrayList<>();
        List<List<ServicePlanId>> plansBySku = new ArrayList<>();
        for (int s = 0; s < SKUS; s++) {
            List<ServicePlan> plans = new ArrayList<>();
            List<ServicePlanId> ids = new ArrayList<>();
            for (int p = 0; p < PLANS_PER_SKU; p++) {
                ServicePlanId id = new ServicePlanId(uuid("plan-" + s + "-" + p));
                plans.add(new ServicePlan(id, "PLAN_" + s + "_" + p, "User"));
                ids.add(id);
            }
            plansBySku.add(ids);
            skus.add(new SubscribedSku(skuId(s), "SKU_" + s, CapabilityStatus.ENABLED,
                    PrepaidUnits.enabled(users / 4), 0, plans, "User"));
        }

        // Department groups (the first `policies` groups) hold the users; divisions nest departments.
        int departments = Math.max(1, policies);
        List<List<UserId>> groupUsers = new ArrayList<>();
        List<List<GroupId>> groupGroups = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            groupUsers.add(new ArrayList<>());
            groupGroups.add(new ArrayList<>());
        }
        int[] consumed = new int[SKUS];
        List<User> userList = new ArrayList<>(users);
        for (int u = 0; u < users; u++) {
            UserId id = new UserId(uuid("user-" + u).toString());
            int department = u % departments;
            groupUsers.get(department).add(id);
            for (int extra = 0; extra < 2; extra++) {
                int group = departments + random.nextInt(Math.max(1, groups - departments));
                if (group < groups) {
                    groupUsers.get(group).add(id);
                }
            }
            int roll = random.nextInt(100);
            String userType = roll < 2 ? "Guest" : "Member";
            boolean enabled = roll < 2 || roll >= 5;
            String location = roll >= 5 && roll < 10 ? null : "US";
            List<LicenseAssignment> licenses = new ArrayList<>(1);
            int sku = department % SKUS;
            if (random.nextInt(100) < 60 && roll >= 10) {
                // most users already hold what their department's policy grants
                licenses.add(LicenseAssignment.direct(skuId(sku), disabledFor(department, plansBySku.get(sku))));
                consumed[sku]++;
            }
            userList.add(new User(id, "user" + u + "@contoso.example", "User " + u, userType, null, null, enabled,
                    location, Boolean.FALSE, licenses));
        }
        for (int d = 0; d < departments; d++) {
            int division = departments + (d % 10);
            if (division < groups) {
                groupGroups.get(division).add(groupId(d)); // divisions nest departments
            }
        }
        if (groups > departments + 1) {
            groupGroups.get(departments + 1).add(groupId(departments)); // and one nesting cycle
            groupGroups.get(departments).add(groupId(departments + 1));
        }
        List<Group> groupList = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            groupList.add(new Group(groupId(g), "Group " + g, groupUsers.get(g), groupGroups.get(g), List.of()));
        }
        List<SubscribedSku> withConsumed = new ArrayList<>();
        for (int s = 0; s < SKUS; s++) {
            SubscribedSku sku = skus.get(s);
            // leave room for about half of those who still need a seat: allocation has work to do
            int enabled = consumed[s] + users / (SKUS * 8);
            withConsumed.add(new SubscribedSku(sku.skuId(), sku.skuPartNumber(), sku.capabilityStatus(),
                    PrepaidUnits.enabled(enabled), consumed[s], sku.servicePlans(), sku.appliesTo()));
        }

        List<Policy> policyList = new ArrayList<>();
        for (int p = 0; p < policies; p++) {
            int sku = p % SKUS;
            List<String> disabled = new ArrayList<>();
            disabledFor(p, plansBySku.get(sku)).forEach(plan -> disabled.add(plan.toString()));
            LicenseGrant grant = new LicenseGrant("SKU_" + sku, disabled, Optional.empty(), p % 7 == 0,
                    new SourceLocation("bench.yaml", p * 10 + 5, 9));
            policyList.add(new Policy("policy-" + p, groupId(p).value(), p % 5, Optional.of("US"), List.of(grant),
                    new SourceLocation("bench.yaml", p * 10 + 1, 5)));
        }
        Settings settings = new Settings(Map.of("SKU_0", 5), 1_000_000, OptionalInt.empty(), List.of("user7@contoso.example"),
                false, false, Optional.empty(), new SourceLocation("bench.yaml", 1, 1));
        TenantSnapshot tenant = new TenantSnapshot(new TenantId("bench-tenant"), withConsumed, userList, groupList);
        return new Generated(tenant, new PolicySet(policyList, settings));
    }

    private static SortedSet<ServicePlanId> disabledFor(int policy, List<ServicePlanId> plans) {
        SortedSet<ServicePlanId> disabled = new TreeSet<>();
        disabled.add(plans.get(policy % plans.size()));
        return disabled;
    }

    static SkuId skuId(int index) {
        return new SkuId(uuid("sku-" + index));
    }

    static GroupId groupId(int index) {
        return new GroupId(uuid("group-" + index).toString());
    }

    private static UUID uuid(String text) {
        return UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
