package io.seatwarden.directory.file;

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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Turns a {@link TenantFile} into a {@link TenantSnapshot} and back.
 *
 * <p>Licenses: when a user lists {@code licenseAssignmentStates}, those are the sources of its
 * licenses (as Graph reports them); otherwise the user's {@code assignedLicenses} are direct
 * assignments, and each group's {@code assignedLicenses} (Entra's own group-based licensing) adds an
 * inherited source to the group's direct user members. When a SKU's {@code consumedUnits} is
 * absent it is derived: one seat per user per SKU, whatever the number of sources.
 */
public final class TenantFileMapper {
    private TenantFileMapper() {}

    /** @throws TenantFileException naming the place of the first inconsistency found */
    public static TenantSnapshot toSnapshot(TenantFile file, String source) {
        Map<String, Integer> userIndex = new HashMap<>();
        for (int i = 0; i < file.users().size(); i++) {
            if (userIndex.put(file.users().get(i).id(), i) != null) {
                throw new TenantFileException(source + ": users[" + i + "]: duplicate user id '" + file.users().get(i).id() + "'");
            }
        }
        Set<String> groupIds = new HashSet<>();
        for (int i = 0; i < file.groups().size(); i++) {
            String id = file.groups().get(i).id();
            if (!groupIds.add(id)) {
                throw new TenantFileException(source + ": groups[" + i + "]: duplicate group id '" + id + "'");
            }
            if (userIndex.containsKey(id)) {
                throw new TenantFileException(source + ": groups[" + i + "]: id '" + id + "' is also a user's id");
            }
        }
        Set<String> skuIds = new HashSet<>();
        for (int i = 0; i < file.subscribedSkus().size(); i++) {
            if (!skuIds.add(file.subscribedSkus().get(i).skuId().toLowerCase(java.util.Locale.ROOT))) {
                throw new TenantFileException(source + ": subscribedSkus[" + i + "]: duplicate skuId '" + file.subscribedSkus().get(i).skuId() + "'");
            }
        }

        List<List<LicenseAssignment>> licenses = new ArrayList<>(file.users().size());
        for (int i = 0; i < file.users().size(); i++) {
            licenses.add(new ArrayList<>(ownLicenses(file.users().get(i), source, i, groupIds)));
        }
        List<Group> groups = new ArrayList<>(file.groups().size());
        for (int g = 0; g < file.groups().size(); g++) {
            TenantFile.GroupEntry entry = file.groups().get(g);
            List<UserId> memberUsers = new ArrayList<>();
            List<GroupId> memberGroups = new ArrayList<>();
            for (int m = 0; m < entry.members().size(); m++) {
                String member = entry.members().get(m);
                if (userIndex.containsKey(member)) {
                    memberUsers.add(new UserId(member));
                } else if (groupIds.contains(member)) {
                    memberGroups.add(new GroupId(member));
                } else {
                    throw new TenantFileException(source + ": groups[" + g + "].members[" + m + "]: no user or group has id '" + member + "'");
                }
            }
            List<User.EffectiveLicense> groupLicenses = new ArrayList<>();
            for (TenantFile.License license : entry.assignedLicenses()) {
                groupLicenses.add(new User.EffectiveLicense(SkuId.of(license.skuId()), planIds(license.disabledPlans())));
            }
            GroupId groupId = new GroupId(entry.id());
            for (UserId member : memberUsers) {
                int index = userIndex.get(member.value());
                if (file.users().get(index).licenseAssignmentStates() != null) {
                    continue; // the user's own states already list what the group gives
                }
                for (User.EffectiveLicense license : groupLicenses) {
                    licenses.get(index).add(new LicenseAssignment(license.skuId(), license.disabledPlans(), Optional.of(groupId)));
                }
            }
            groups.add(new Group(groupId, entry.displayName(), memberUsers, memberGroups, groupLicenses));
        }

        List<User> users = new ArrayList<>(file.users().size());
        Map<SkuId, Integer> holders = new HashMap<>();
        for (int i = 0; i < file.users().size(); i++) {
            TenantFile.UserEntry entry = file.users().get(i);
            User user = new User(new UserId(entry.id()), entry.userPrincipalName(), entry.displayName(), entry.userType(),
                    entry.creationType(), entry.externalUserState(),
                    // Absent means enabled: Graph creates accounts enabled, and "disabled" must be said.
                    entry.accountEnabled() == null || entry.accountEnabled(),
                    entry.usageLocation(), entry.onPremisesSyncEnabled(), licenses.get(i));
            for (User.EffectiveLicense license : user.assignedLicenses()) {
                holders.merge(license.skuId(), 1, Integer::sum);
            }
            users.add(user);
        }

        List<SubscribedSku> skus = new ArrayList<>();
        for (int i = 0; i < file.subscribedSkus().size(); i++) {
            TenantFile.Sku entry = file.subscribedSkus().get(i);
            SkuId skuId = SkuId.of(entry.skuId());
            CapabilityStatus status;
            try {
                status = CapabilityStatus.fromGraph(entry.capabilityStatus());
            } catch (IllegalArgumentException e) {
                throw new TenantFileException(source + ": subscribedSkus[" + i + "].capabilityStatus: " + e.getMessage());
            }
            List<ServicePlan> plans = new ArrayList<>();
            for (TenantFile.Plan plan : entry.servicePlans()) {
                plans.add(new ServicePlan(ServicePlanId.of(plan.servicePlanId()), plan.servicePlanName(), plan.appliesTo()));
            }
            TenantFile.Units units = entry.prepaidUnits();
            int consumed = entry.consumedUnits() != null ? entry.consumedUnits() : holders.getOrDefault(skuId, 0);
            skus.add(new SubscribedSku(skuId, entry.skuPartNumber(), status,
                    new PrepaidUnits(units.enabled(), units.suspended(), units.warning(), units.lockedOut()),
                    consumed, plans, entry.appliesTo()));
        }
        TenantId tenantId = file.tenantId() == null ? TenantId.DEFAULT : new TenantId(file.tenantId());
        return new TenantSnapshot(tenantId, skus, users, groups);
    }

    private static List<LicenseAssignment> ownLicenses(TenantFile.UserEntry entry, String source, int index, Set<String> groupIds) {
        List<LicenseAssignment> result = new ArrayList<>();
        if (entry.licenseAssignmentStates() != null) {
            for (int s = 0; s < entry.licenseAssignmentStates().size(); s++) {
                TenantFile.LicenseState state = entry.licenseAssignmentStates().get(s);
                Optional<GroupId> group = Optional.ofNullable(state.assignedByGroup()).map(GroupId::new);
                result.add(new LicenseAssignment(SkuId.of(state.skuId()), planIds(state.disabledPlans()), group));
            }
            return result;
        }
        Set<String> seen = new HashSet<>();
        for (int l = 0; l < entry.assignedLicenses().size(); l++) {
            TenantFile.License license = entry.assignedLicenses().get(l);
            if (!seen.add(license.skuId().toLowerCase(java.util.Locale.ROOT))) {
                throw new TenantFileException(source + ": users[" + index + "].assignedLicenses[" + l + "]: SKU " + license.skuId() + " is listed twice");
            }
            result.add(LicenseAssignment.direct(SkuId.of(license.skuId()), planIds(license.disabledPlans())));
        }
        return result;
    }

    private static SortedSet<ServicePlanId> planIds(List<String> ids) {
        SortedSet<ServicePlanId> result = new TreeSet<>();
        for (String id : ids) {
            result.add(ServicePlanId.of(id));
        }
        return result;
    }

    /**
     * The tenant file for a snapshot: users carry Graph's effective {@code assignedLicenses}, plus
     * {@code licenseAssignmentStates} when any license is inherited, so the file replays as is.
     */
    public static TenantFile toFile(TenantSnapshot snapshot) {
        List<TenantFile.Sku> skus = new ArrayList<>();
        for (SubscribedSku sku : snapshot.subscribedSkus()) {
            List<TenantFile.Plan> plans = new ArrayList<>();
            for (ServicePlan plan : sku.servicePlans()) {
                plans.add(new TenantFile.Plan(plan.servicePlanId().toString(), plan.servicePlanName(), plan.appliesTo()));
            }
            PrepaidUnits units = sku.prepaidUnits();
            skus.add(new TenantFile.Sku(sku.skuId().toString(), sku.skuPartNumber(), sku.appliesTo(),
                    sku.capabilityStatus().graphName(),
                    new TenantFile.Units(units.enabled(), units.suspended(), units.warning(), units.lockedOut()),
                    sku.consumedUnits(), plans));
        }
        List<TenantFile.UserEntry> users = new ArrayList<>();
        for (User user : snapshot.users()) {
            List<TenantFile.License> assigned = new ArrayList<>();
            for (User.EffectiveLicense license : user.assignedLicenses()) {
                assigned.add(new TenantFile.License(license.skuId().toString(), strings(license.disabledPlans())));
            }
            boolean inherits = user.licenses().stream().anyMatch(license -> !license.isDirect());
            List<TenantFile.LicenseState> states = null;
            if (inherits) {
                states = new ArrayList<>();
                for (LicenseAssignment license : user.licenses()) {
                    states.add(new TenantFile.LicenseState(license.skuId().toString(), strings(license.disabledPlans()),
                            license.assignedByGroup().map(GroupId::value).orElse(null), "Active", null));
                }
            }
            users.add(new TenantFile.UserEntry(user.id().value(), user.userPrincipalName(), user.displayName(),
                    user.userType(), user.creationType(), user.externalUserState(), user.accountEnabled(),
                    user.usageLocation(), user.onPremisesSyncEnabled(), assigned, states));
        }
        List<TenantFile.GroupEntry> groups = new ArrayList<>();
        for (Group group : snapshot.groups()) {
            List<String> members = new ArrayList<>();
            group.memberUsers().forEach(id -> members.add(id.value()));
            group.memberGroups().forEach(id -> members.add(id.value()));
            List<TenantFile.License> licenses = new ArrayList<>();
            for (User.EffectiveLicense license : group.assignedLicenses()) {
                licenses.add(new TenantFile.License(license.skuId().toString(), strings(license.disabledPlans())));
            }
            groups.add(new TenantFile.GroupEntry(group.id().value(), group.displayName(), members, licenses));
        }
        return new TenantFile(snapshot.tenantId().value(), skus, users, groups);
    }

    private static List<String> strings(SortedSet<ServicePlanId> ids) {
        List<String> result = new ArrayList<>();
        ids.forEach(id -> result.add(id.toString()));
        return result;
    }
}
