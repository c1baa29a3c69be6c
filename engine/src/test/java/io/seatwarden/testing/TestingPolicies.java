package io.seatwarden.testing;

import io.seatwarden.policy.LicenseGrant;
import io.seatwarden.policy.Policy;
import io.seatwarden.policy.PolicySet;
import io.seatwarden.policy.Reclaim;
import io.seatwarden.policy.Settings;
import io.seatwarden.policy.SourceLocation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A fluent builder of policy sets for tests:
 * {@code policies().policy("sales", "Sales").priority(10).grant("ENTERPRISEPACK").disabling("YAMMER")}.
 */
public final class TestingPolicies {
    private final List<PolicySpec> policies = new ArrayList<>();
    private final Map<String, Integer> reserve = new LinkedHashMap<>();
    private final List<String> protectedUsers = new ArrayList<>();
    private int maxRemovals = Settings.DEFAULT_MAX_REMOVALS;
    private OptionalInt maxRemovalsPercent = OptionalInt.empty();
    private boolean includeDisabled;
    private boolean countWarning;
    private int removalGraceDays;
    private final Map<String, java.math.BigDecimal> prices = new LinkedHashMap<>();
    private String currency = "EUR";
    private PolicySpec policy;
    private GrantSpec grant;

    public static TestingPolicies policies() {
        return new TestingPolicies();
    }

    public TestingPolicies policy(String name, String group) {
        policy = new PolicySpec(name, group);
        policies.add(policy);
        return this;
    }

    public TestingPolicies priority(int priority) {
        policy.priority = priority;
        return this;
    }

    public TestingPolicies usageLocation(String location) {
        policy.usageLocation = location;
        return this;
    }

    public TestingPolicies grant(String sku) {
        grant = new GrantSpec(sku);
        policy.grants.add(grant);
        return this;
    }

    public TestingPolicies disabling(String... plans) {
        grant.disabled.addAll(List.of(plans));
        return this;
    }

    public TestingPolicies enabling(String... plans) {
        grant.enabled = List.of(plans);
        return this;
    }

    public TestingPolicies prune() {
        grant.prune = true;
        return this;
    }

    /** The current grant adopts direct holders it entitles. */
    public TestingPolicies adopt() {
        grant.adopt = true;
        return this;
    }

    /** The current grant reclaims from users without a sign-in for {@code inactiveDays} (0: none) and, if asked, disabled accounts. */
    public TestingPolicies reclaim(int inactiveDays, boolean disabledAccounts) {
        grant.reclaim = new Reclaim(inactiveDays > 0 ? OptionalInt.of(inactiveDays) : OptionalInt.empty(), disabledAccounts);
        return this;
    }

    public TestingPolicies removalGraceDays(int days) {
        removalGraceDays = days;
        return this;
    }

    public TestingPolicies reserve(String sku, int seats) {
        reserve.put(sku, seats);
        return this;
    }

    public TestingPolicies protect(String user) {
        protectedUsers.add(user);
        return this;
    }

    public TestingPolicies maxRemovals(int max) {
        maxRemovals = max;
        return this;
    }

    public TestingPolicies maxRemovalsPercent(int percent) {
        maxRemovalsPercent = OptionalInt.of(percent);
        return this;
    }

    public TestingPolicies includeDisabledAccounts() {
        includeDisabled = true;
        return this;
    }

    public TestingPolicies countWarningSeats() {
        countWarning = true;
        return this;
    }

    /** A price per seat per month, written as in a policy file ("23", "9.99"). */
    public TestingPolicies price(String sku, String amount) {
        prices.put(sku, new java.math.BigDecimal(amount));
        return this;
    }

    public TestingPolicies currency(String code) {
        currency = code;
        return this;
    }

    public PolicySet build() {
        List<Policy> result = new ArrayList<>();
        int line = 1;
        for (PolicySpec spec : policies) {
            List<LicenseGrant> grants = new ArrayList<>();
            for (GrantSpec grantSpec : spec.grants) {
                grants.add(new LicenseGrant(grantSpec.sku, grantSpec.disabled, Optional.ofNullable(grantSpec.enabled),
                        grantSpec.prune, grantSpec.adopt, Optional.ofNullable(grantSpec.reclaim), new SourceLocation("test.yaml", ++line, 9)));
            }
            result.add(new Policy(spec.name, spec.group, spec.priority, Optional.ofNullable(spec.usageLocation), grants,
                    new SourceLocation("test.yaml", ++line, 5)));
        }
        Settings settings = new Settings(reserve, maxRemovals, maxRemovalsPercent, protectedUsers, includeDisabled, countWarning,
                Optional.empty(), removalGraceDays, new SourceLocation("settings.yaml", 1, 1), prices,
                prices.isEmpty() ? Optional.empty() : Optional.of(currency), List.of());
        return new PolicySet(result, settings);
    }

    private static final class PolicySpec {
        final String name;
        final String group;
        int priority;
        String usageLocation;
        final List<GrantSpec> grants = new ArrayList<>();

        PolicySpec(String name, String group) {
            this.name = name;
            this.group = group;
        }
    }

    private static final class GrantSpec {
        final String sku;
        final List<String> disabled = new ArrayList<>();
        List<String> enabled;
        boolean prune;
        boolean adopt;
        Reclaim reclaim;

        GrantSpec(String sku) {
            this.sku = sku;
        }
    }
}
