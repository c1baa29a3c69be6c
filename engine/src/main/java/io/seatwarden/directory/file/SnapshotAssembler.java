package io.seatwarden.directory.file;

import com.google.common.collect.ImmutableSortedSet;
import io.seatwarden.directory.AssignmentState;
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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

/**
 * Builds a {@link TenantSnapshot} from tenant-file entries fed one at a time, so that a streaming
 * reader never holds a million parsed entries and their snapshot twins at once.
 *
 * <p>Licenses: when a user lists {@code licenseAssignmentStates}, those are the sources of its
 * licenses (as Graph reports them, with their {@code state} and {@code error}: only assigned states are
 * held, see {@link User#failedLicenses()}); otherwise the user's {@code assignedLicenses} are direct
 * assignments, and each group's {@code assignedLicenses} (Entra's own group-based licensing) adds an
 * inherited source to the group's direct user members. When a SKU's {@code consumedUnits} is
 * absent it is derived: one seat per user per SKU, whatever the number of sources.
 * Equal disabled-plan sets are shared, and group members reuse their user's id object.
 */
final class SnapshotAssembler {
    private String tenantId;
    private final List<TenantFile.Sku> skus = new ArrayList<>();
    private final List<String> skuPlaces = new ArrayList<>();
    private final List<User> users = new ArrayList<>();
    private final List<Boolean> explicitStates = new ArrayList<>();
    private final Map<UserId, Integer> userIndex = new HashMap<>();
    private final List<TenantFile.GroupEntry> groups = new ArrayList<>();
    private final List<String> groupPlaces = new ArrayList<>();
    private final Map<List<String>, SortedSet<ServicePlanId>> planSets = new HashMap<>();

    void tenantId(String id) {
        this.tenantId = id;
    }

    /** {@code place} names where the entry starts in errors: {@code file:line:column}, or just the file. */
    void addSku(TenantFile.Sku sku, String place) {
        skus.add(sku);
        skuPlaces.add(place);
    }

    void addUser(TenantFile.UserEntry entry, String place) {
        int index = users.size();
        UserId id = new UserId(entry.id());
        Integer first = userIndex.putIfAbsent(id, index);
        if (first != null) {
            throw new TenantFileException(place + ": users[" + index + "]: duplicate user id '" + entry.id()
                    + "' (also users[" + first + "])");
        }
        users.add(User.withStates(id, entry.userPrincipalName(), entry.displayName(), entry.userType(),
                entry.creationType(), entry.externalUserState(),
                // Absent means enabled: Graph creates accounts enabled, and "disabled" must be said.
                entry.accountEnabled() == null || entry.accountEnabled(),
                entry.usageLocation(), entry.onPremisesSyncEnabled(), ownLicenses(entry, index, place))
                .withActivity(instant(entry.createdDateTime()), signIns(entry.signInActivity())));
        explicitStates.add(entry.licenseAssignmentStates() != null);
    }

    private static java.time.Instant instant(String text) {
        return text == null ? null : java.time.OffsetDateTime.parse(text).toInstant();
    }

    private static io.seatwarden.directory.SignInActivity signIns(TenantFile.SignIns signIns) {
        return signIns == null ? null : new io.seatwarden.directory.SignInActivity(
                instant(signIns.lastSuccessfulSignInDateTime()), instant(signIns.lastNonInteractiveSignInDateTime()),
                instant(signIns.lastSignInDateTime()));
    }

    void addGroup(TenantFile.GroupEntry group, String place) {
        groups.add(group);
        groupPlaces.add(place);
    }

    TenantSnapshot build() {
        Map<String, Integer> groupIds = new HashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            String id = groups.get(i).id();
            Integer first = groupIds.putIfAbsent(id, i);
            if (first != null) {
                throw new TenantFileException(groupPlaces.get(i) + ": groups[" + i + "]: duplicate group id '" + id
                        + "' (also groups[" + first + "] at " + groupPlaces.get(first) + ")");
            }
            Integer user = userIndex.get(new UserId(id));
            if (user != null) {
                throw new TenantFileException(groupPlaces.get(i) + ": groups[" + i + "]: id '" + id
                        + "' is also the id of users[" + user + "]");
            }
        }
        Map<Integer, List<LicenseAssignment>> inherited = new HashMap<>();
        List<Group> groupList = new ArrayList<>(groups.size());
        for (int g = 0; g < groups.size(); g++) {
            TenantFile.GroupEntry entry = groups.get(g);
            List<UserId> memberUsers = new ArrayList<>();
            List<GroupId> memberGroups = new ArrayList<>();
            List<Integer> memberIndexes = new ArrayList<>();
            for (int m = 0; m < entry.members().size(); m++) {
                String member = entry.members().get(m);
                Integer index = groupIds.containsKey(member) ? null : userIndex.get(new UserId(member));
                if (index != null) {
                    memberUsers.add(users.get(index).id());
                    memberIndexes.add(index);
                } else if (groupIds.containsKey(member)) {
                    memberGroups.add(new GroupId(member));
                } else {
                    throw new TenantFileException(groupPlaces.get(g) + ": groups[" + g + "].members[" + m
                            + "]: no user or group has id '" + member + "'");
                }
            }
            List<User.EffectiveLicense> groupLicenses = new ArrayList<>();
            for (TenantFile.License license : entry.assignedLicenses()) {
                groupLicenses.add(new User.EffectiveLicense(SkuId.of(license.skuId()), planIds(license.disabledPlans())));
            }
            GroupId groupId = new GroupId(entry.id());
            for (int index : memberIndexes) {
                if (explicitStates.get(index)) {
                    continue; // the user's own states already list what the group gives
                }
                for (User.EffectiveLicense license : groupLicenses) {
                    inherited.computeIfAbsent(index, key -> new ArrayList<>())
                            .add(new LicenseAssignment(license.skuId(), license.disabledPlans(), Optional.of(groupId)));
                }
            }
            groupList.add(new Group(groupId, entry.displayName(), memberUsers, memberGroups, groupLicenses, entry.groupTypes(),
                    Optional.ofNullable(entry.membershipRule())));
        }
        inherited.forEach((index, licenses) -> {
            List<LicenseAssignment> all = new ArrayList<>(users.get(index).licenses());
            all.addAll(licenses);
            users.set(index, users.get(index).withLicenses(all));
        });

        Map<SkuId, Integer> holders = new HashMap<>();
        for (User user : users) {
            List<LicenseAssignment> licenses = user.licenses();
            for (int i = 0; i < licenses.size(); i++) {
                if (firstSource(licenses, i)) {
                    holders.merge(licenses.get(i).skuId(), 1, Integer::sum); // one seat per user per SKU
                }
            }
        }
        Map<SkuId, Integer> seen = new HashMap<>();
        List<SubscribedSku> skuList = new ArrayList<>();
        for (int i = 0; i < skus.size(); i++) {
            TenantFile.Sku entry = skus.get(i);
            SkuId skuId = SkuId.of(entry.skuId());
            Integer first = seen.putIfAbsent(skuId, i);
            if (first != null) {
                throw new TenantFileException(skuPlaces.get(i) + ": subscribedSkus[" + i + "]: duplicate skuId '"
                        + entry.skuId() + "' (also subscribedSkus[" + first + "] at " + skuPlaces.get(first) + ")");
            }
            CapabilityStatus status = CapabilityStatus.fromGraph(entry.capabilityStatus()); // checked when read
            List<ServicePlan> plans = new ArrayList<>();
            for (TenantFile.Plan plan : entry.servicePlans()) {
                plans.add(new ServicePlan(ServicePlanId.of(plan.servicePlanId()), plan.servicePlanName(), plan.appliesTo()));
            }
            TenantFile.Units units = entry.prepaidUnits();
            int consumed = entry.consumedUnits() != null ? entry.consumedUnits() : holders.getOrDefault(skuId, 0);
            skuList.add(new SubscribedSku(skuId, entry.skuPartNumber(), status,
                    new PrepaidUnits(units.enabled(), units.suspended(), units.warning(), units.lockedOut()),
                    consumed, plans, entry.appliesTo()));
        }
        return TenantSnapshot.indexed(tenantId == null ? TenantId.DEFAULT : new TenantId(tenantId), skuList, users, groupList, userIndex);
    }

    private static boolean firstSource(List<LicenseAssignment> licenses, int index) {
        for (int earlier = 0; earlier < index; earlier++) {
            if (licenses.get(earlier).skuId().equals(licenses.get(index).skuId())) {
                return false;
            }
        }
        return true;
    }

    private List<LicenseAssignment> ownLicenses(TenantFile.UserEntry entry, int index, String place) {
        List<LicenseAssignment> result = new ArrayList<>(1);
        if (entry.licenseAssignmentStates() != null) {
            for (TenantFile.LicenseState state : entry.licenseAssignmentStates()) {
                Optional<GroupId> group = Optional.ofNullable(state.assignedByGroup()).map(GroupId::new);
                result.add(new LicenseAssignment(SkuId.of(state.skuId()), planIds(state.disabledPlans()), group,
                        AssignmentState.fromGraph(state.state()), AssignmentState.errorFromGraph(state.error())));
            }
            return result;
        }
        Set<String> seen = new HashSet<>();
        for (int l = 0; l < entry.assignedLicenses().size(); l++) {
            TenantFile.License license = entry.assignedLicenses().get(l);
            if (!seen.add(license.skuId().toLowerCase(Locale.ROOT))) {
                throw new TenantFileException(place + ": users[" + index + "].assignedLicenses[" + l + "]: SKU "
                        + license.skuId() + " is listed twice");
            }
            result.add(LicenseAssignment.direct(SkuId.of(license.skuId()), planIds(license.disabledPlans())));
        }
        return result;
    }

    /** One shared immutable set per distinct list of plan ids. */
    private SortedSet<ServicePlanId> planIds(List<String> ids) {
        return planSets.computeIfAbsent(ids, key -> {
            ImmutableSortedSet.Builder<ServicePlanId> set = ImmutableSortedSet.naturalOrder();
            key.forEach(id -> set.add(ServicePlanId.of(id)));
            return set.build();
        });
    }
}
