package io.seatwarden.testing;

import io.seatwarden.directory.CapabilityStatus;
import io.seatwarden.directory.Group;
import io.seatwarden.directory.GroupId;
import io.seatwarden.directory.LicenseAssignment;
import io.seatwarden.directory.PrepaidUnits;
import io.seatwarden.directory.ServicePlan;
import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SignInActivity;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.SubscribedSku;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.User;
import io.seatwarden.directory.UserId;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A fluent builder of small hand-made tenants for tests:
 * {@code tenant().sku("ENTERPRISEPACK", 10, "EXCHANGE", "YAMMER").user("alice").inGroup("Sales")}.
 * Ids are derived from names, so tests can refer to them: {@link #skuId}, {@link #userId}, {@link #planId}.
 * {@code consumedUnits} is derived from the users' licenses unless set.
 */
public final class TestingTenant {
    private final Map<String, SkuSpec> skus = new LinkedHashMap<>();
    private final Map<String, UserSpec> users = new LinkedHashMap<>();
    private final Map<String, GroupSpec> groups = new LinkedHashMap<>();
    private UserSpec current;

    private final Map<String, List<String>> dependencies = new HashMap<>();

    public static TestingTenant tenant() {
        return new TestingTenant();
    }

    public static SkuId skuId(String partNumber) {
        return new SkuId(uuid("sku:" + partNumber));
    }

    public static ServicePlanId planId(String planName) {
        return new ServicePlanId(uuid("plan:" + planName));
    }

    public static UserId userId(String name) {
        return new UserId("user-" + name);
    }

    public static GroupId groupId(String name) {
        return new GroupId("group-" + name);
    }

    public static String upn(String name) {
        return name.contains("@") ? name : name + "@contoso.test";
    }

    private static UUID uuid(String text) {
        return UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The tenant file's {@code dependsOn}: service plan {@code plan} needs {@code needed} (plans of any SKU). */
    public TestingTenant planDependsOn(String plan, String... needed) {
        dependencies.put(plan, List.of(needed));
        return this;
    }

    public TestingTenant sku(String partNumber, int enabled, String... plans) {
        skus.put(partNumber, new SkuSpec(partNumber, enabled, List.of(plans)));
        return this;
    }

    public TestingTenant consumed(String partNumber, int consumed) {
        skus.get(partNumber).consumed = consumed;
        return this;
    }

    public TestingTenant warning(String partNumber, int warning) {
        skus.get(partNumber).warning = warning;
        return this;
    }

    public TestingTenant status(String partNumber, CapabilityStatus status) {
        skus.get(partNumber).status = status;
        return this;
    }

    public TestingTenant group(String name, String... nestedGroups) {
        GroupSpec group = groups.computeIfAbsent(name, GroupSpec::new);
        for (String nested : nestedGroups) {
            groups.computeIfAbsent(nested, GroupSpec::new);
            group.groups.add(nested);
        }
        return this;
    }

    /** A group with the same display name as another, but its own id. */
    public TestingTenant groupWithId(String id, String displayName) {
        GroupSpec group = new GroupSpec(displayName);
        group.id = id;
        groups.put(id, group);
        return this;
    }

    /** Entra's own group-based licensing on a group: its direct user members inherit the SKU. */
    public TestingTenant groupLicense(String group, String partNumber) {
        groups.computeIfAbsent(group, GroupSpec::new).licenses.add(partNumber);
        return this;
    }

    public TestingTenant user(String name) {
        current = new UserSpec(name);
        users.put(name, current);
        return this;
    }

    public TestingTenant inGroup(String... names) {
        for (String name : names) {
            groups.computeIfAbsent(name, GroupSpec::new).users.add(current.name);
        }
        return this;
    }

    public TestingTenant location(String usageLocation) {
        current.usageLocation = usageLocation;
        return this;
    }

    public TestingTenant noLocation() {
        current.usageLocation = null;
        return this;
    }

    public TestingTenant disabled() {
        current.enabled = false;
        return this;
    }

    public TestingTenant userType(String userType) {
        current.userType = userType;
        return this;
    }

    public TestingTenant creationType(String creationType) {
        current.creationType = creationType;
        return this;
    }

    public TestingTenant externalUserState(String state) {
        current.externalUserState = state;
        return this;
    }

    public TestingTenant upnIs(String upn) {
        current.upn = upn;
        return this;
    }

    /** A direct assignment, with these plans switched off. */
    /** When the current user's account was created. */
    public TestingTenant created(Instant created) {
        current.created = created;
        return this;
    }

    /** The current user's last successful sign-in (interactive or not). */
    public TestingTenant signedIn(Instant lastSuccessful) {
        current.signInActivity = new SignInActivity(lastSuccessful, null);
        return this;
    }

    /** The current user's last non-interactive sign-in (a client signing in for the user). */
    public TestingTenant signedInNonInteractively(Instant last) {
        current.signInActivity = new SignInActivity(null, last);
        return this;
    }

    public TestingTenant holds(String partNumber, String... disabledPlans) {
        current.licenses.add(new Held(partNumber, List.of(disabledPlans), null));
        return this;
    }

    public TestingTenant inherits(String partNumber, String fromGroup) {
        current.licenses.add(new Held(partNumber, List.of(), fromGroup));
        return this;
    }

    public TenantSnapshot build() {
        Map<String, Integer> holders = new HashMap<>();
        List<User> userList = new ArrayList<>();
        Map<String, List<LicenseAssignment>> groupGiven = new HashMap<>();
        for (GroupSpec group : groups.values()) {
            for (String member : group.users) {
                for (String partNumber : group.licenses) {
                    groupGiven.computeIfAbsent(member, key -> new ArrayList<>()).add(new LicenseAssignment(
                            skuId(partNumber), new TreeSet<>(), Optional.of(group.id())));
                }
            }
        }
        for (UserSpec spec : users.values()) {
            List<LicenseAssignment> licenses = new ArrayList<>();
            for (Held held : spec.licenses) {
                SortedSet<ServicePlanId> disabled = new TreeSet<>();
                held.disabledPlans.forEach(plan -> disabled.add(planId(plan)));
                licenses.add(new LicenseAssignment(skuId(held.partNumber), disabled,
                        Optional.ofNullable(held.fromGroup).map(TestingTenant::groupId)));
            }
            licenses.addAll(groupGiven.getOrDefault(spec.name, List.of()));
            User user = new User(userId(spec.name), spec.upn == null ? upn(spec.name) : spec.upn, spec.name, spec.userType,
                    spec.creationType, spec.externalUserState, spec.enabled, spec.usageLocation, null, licenses, List.of(), spec.created,
                    spec.signInActivity);
            user.assignedLicenses().forEach(license -> holders.merge(license.skuId().toString(), 1, Integer::sum));
            userList.add(user);
        }
        List<SubscribedSku> skuList = new ArrayList<>();
        for (SkuSpec spec : skus.values()) {
            List<ServicePlan> plans = new ArrayList<>();
            spec.plans.forEach(plan -> plans.add(new ServicePlan(planId(plan), plan, "User",
                    dependencies.getOrDefault(plan, List.of()).stream().map(TestingTenant::planId).toList())));
            SkuId id = skuId(spec.partNumber);
            int consumed = spec.consumed != null ? spec.consumed : holders.getOrDefault(id.toString(), 0);
            skuList.add(new SubscribedSku(id, spec.partNumber, spec.status,
                    new PrepaidUnits(spec.enabled, 0, spec.warning, 0), consumed, plans, "User"));
        }
        List<Group> groupList = new ArrayList<>();
        for (GroupSpec spec : groups.values()) {
            List<UserId> memberUsers = new ArrayList<>();
            spec.users.forEach(name -> memberUsers.add(userId(name)));
            List<GroupId> memberGroups = new ArrayList<>();
            spec.groups.forEach(name -> memberGroups.add(groups.get(name).id()));
            List<User.EffectiveLicense> licenses = new ArrayList<>();
            spec.licenses.forEach(partNumber -> licenses.add(new User.EffectiveLicense(skuId(partNumber), new TreeSet<>())));
            groupList.add(new Group(spec.id(), spec.displayName, memberUsers, memberGroups, licenses));
        }
        return new TenantSnapshot(new TenantId("tenant-test"), skuList, userList, groupList);
    }

    private static final class SkuSpec {
        final String partNumber;
        final int enabled;
        final List<String> plans;
        Integer consumed;
        int warning;
        CapabilityStatus status = CapabilityStatus.ENABLED;

        SkuSpec(String partNumber, int enabled, List<String> plans) {
            this.partNumber = partNumber;
            this.enabled = enabled;
            this.plans = plans;
        }
    }

    private static final class UserSpec {
        final String name;
        String upn;
        String usageLocation = "US";
        boolean enabled = true;
        String userType = "Member";
        String creationType;
        String externalUserState;
        Instant created;
        SignInActivity signInActivity;
        final List<Held> licenses = new ArrayList<>();

        UserSpec(String name) {
            this.name = name;
        }
    }

    private record Held(String partNumber, List<String> disabledPlans, String fromGroup) {}

    private static final class GroupSpec {
        final String displayName;
        String id;
        final List<String> users = new ArrayList<>();
        final List<String> groups = new ArrayList<>();
        final List<String> licenses = new ArrayList<>();

        GroupSpec(String displayName) {
            this.displayName = displayName;
        }

        GroupId id() {
            return id != null ? new GroupId(id) : groupId(displayName);
        }
    }
}
