package io.seatwarden.testing;

import io.seatwarden.directory.CapabilityStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random but reproducible tenants and policies for property-style tests: every generated case comes
 * from a seed, so a failure names the seed that reproduces it.
 */
public final class TenantGenerator {
    private static final String[] SKUS = {"E3", "E5", "PBI", "VISIO"};
    private static final String[] PLANS = {"EXCHANGE", "TEAMS", "YAMMER", "SWAY", "FORMS"};

    private TenantGenerator() {}

    public record Case(long seed, TestingTenant tenant, TestingPolicies policies) {}

    public static Case generate(long seed) {
        Random random = new Random(seed);
        TestingTenant tenant = TestingTenant.tenant();
        int groups = 2 + random.nextInt(6);
        for (String sku : SKUS) {
            tenant.sku(sku, random.nextInt(12), PLANS);
            if (random.nextInt(8) == 0) {
                tenant.status(sku, random.nextBoolean() ? CapabilityStatus.SUSPENDED : CapabilityStatus.WARNING);
            }
            if (random.nextInt(4) == 0) {
                tenant.warning(sku, random.nextInt(3));
            }
        }
        for (int g = 0; g < groups; g++) {
            List<String> nested = new ArrayList<>();
            if (random.nextInt(3) == 0) {
                nested.add("G" + random.nextInt(groups)); // may form a cycle, or nest a group in itself
            }
            tenant.group("G" + g, nested.toArray(String[]::new));
        }
        int users = 1 + random.nextInt(40);
        for (int u = 0; u < users; u++) {
            tenant.user(String.format("u%02d", u));
            switch (random.nextInt(12)) {
                case 0 -> tenant.userType("Guest");
                case 1 -> tenant.creationType("Invitation");
                case 2 -> tenant.externalUserState("PendingAcceptance");
                case 3 -> tenant.upnIs(String.format("u%02d_example.com#EXT#@contoso.test", u));
                case 4 -> tenant.disabled();
                case 5 -> tenant.noLocation();
                default -> { }
            }
            for (int g = 0; g < groups; g++) {
                if (random.nextInt(3) == 0) {
                    tenant.inGroup("G" + g);
                }
            }
            for (String sku : SKUS) {
                if (random.nextInt(6) == 0) {
                    tenant.holds(sku, random.nextBoolean() ? new String[] {"YAMMER"} : new String[0]);
                }
            }
        }
        if (random.nextBoolean()) {
            tenant.groupLicense("G" + random.nextInt(groups), SKUS[random.nextInt(SKUS.length)]);
        }
        TestingPolicies policies = TestingPolicies.policies();
        int policyCount = 1 + random.nextInt(4);
        for (int p = 0; p < policyCount; p++) {
            policies.policy("policy-" + p, "G" + random.nextInt(groups)).priority(random.nextInt(3) * 10);
            if (random.nextBoolean()) {
                policies.usageLocation("US");
            }
            int grants = 1 + random.nextInt(2);
            for (int k = 0; k < grants; k++) {
                policies.grant(SKUS[random.nextInt(SKUS.length)]);
                if (random.nextBoolean()) {
                    policies.disabling(PLANS[random.nextInt(PLANS.length)]);
                }
                if (random.nextInt(4) == 0) {
                    policies.prune();
                }
            }
        }
        if (random.nextBoolean()) {
            policies.reserve(SKUS[random.nextInt(SKUS.length)], random.nextInt(3));
        }
        if (random.nextInt(3) == 0) {
            policies.protect("u00@contoso.test");
        }
        if (random.nextInt(4) == 0) {
            policies.includeDisabledAccounts();
        }
        if (random.nextInt(4) == 0) {
            policies.countWarningSeats();
        }
        return new Case(seed, tenant, policies);
    }
}
