package io.seatwarden.directory.file;

import io.seatwarden.directory.Group;
import io.seatwarden.directory.GroupId;
import io.seatwarden.directory.LicenseAssignment;
import io.seatwarden.directory.PrepaidUnits;
import io.seatwarden.directory.ServicePlan;
import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SubscribedSku;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.User;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;

/**
 * Turns a {@link TenantFile} into a {@link TenantSnapshot} (rules in {@link SnapshotAssembler}) and back.
 */
public final class TenantFileMapper {
    private TenantFileMapper() {}

    /** @throws TenantFileException naming the place of the first inconsistency found */
    public static TenantSnapshot toSnapshot(TenantFile file, String source) {
        SnapshotAssembler assembler = new SnapshotAssembler();
        assembler.tenantId(file.tenantId());
        Place place = Place.of(source);
        try {
            file.subscribedSkus().forEach(sku -> assembler.addSku(sku, place));
            file.users().forEach(user -> assembler.addUser(user, place));
            file.groups().forEach(group -> assembler.addGroup(group, place));
        } catch (RuntimeException e) {
            assembler.checkUsers(); // a duplicate user is reported before any later error
            throw e;
        }
        return assembler.build();
    }

    /**
     * The tenant file for a snapshot: users carry Graph's effective {@code assignedLicenses} (held licenses
     * only), plus {@code licenseAssignmentStates} with their {@code state} and {@code error} when any license
     * is inherited or in error, so the file replays as is.
     */
    public static TenantFile toFile(TenantSnapshot snapshot) {
        List<TenantFile.Sku> skus = new ArrayList<>();
        for (SubscribedSku sku : snapshot.subscribedSkus()) {
            List<TenantFile.Plan> plans = new ArrayList<>();
            for (ServicePlan plan : sku.servicePlans()) {
                plans.add(new TenantFile.Plan(plan.servicePlanId().toString(), plan.servicePlanName(), plan.appliesTo(),
                        plan.dependsOn().stream().map(ServicePlanId::toString).toList()));
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
            List<LicenseAssignment> sources = user.allSources();
            boolean explicit = sources.stream().anyMatch(license -> !license.isDirect() || license.hasError());
            List<TenantFile.LicenseState> states = null;
            if (explicit) {
                states = new ArrayList<>();
                for (LicenseAssignment license : sources) {
                    states.add(new TenantFile.LicenseState(license.skuId().toString(), strings(license.disabledPlans()),
                            license.assignedByGroup().map(GroupId::value).orElse(null), license.state().graphName(),
                            license.error().orElse(null)));
                }
            }
            users.add(new TenantFile.UserEntry(user.id().value(), user.userPrincipalName(), user.displayName(),
                    user.userType(), user.creationType(), user.externalUserState(), user.accountEnabled(),
                    user.usageLocation(), user.onPremisesSyncEnabled(), assigned, states,
                    user.createdDateTime() == null ? null : user.createdDateTime().toString(), signIns(user)));
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
            groups.add(new TenantFile.GroupEntry(group.id().value(), group.displayName(), group.groupTypes(), null, null,
                    group.membershipRule().orElse(null), members, licenses));
        }
        return new TenantFile(snapshot.tenantId().value(), skus, users, groups);
    }

    private static List<String> strings(SortedSet<ServicePlanId> ids) {
        List<String> result = new ArrayList<>();
        ids.forEach(id -> result.add(id.toString()));
        return result;
    }

    private static TenantFile.SignIns signIns(User user) {
        if (user.signInActivity() == null) {
            return null;
        }
        java.time.Instant successful = user.signInActivity().lastSuccessfulSignInDateTime();
        java.time.Instant nonInteractive = user.signInActivity().lastNonInteractiveSignInDateTime();
        java.time.Instant interactive = user.signInActivity().lastSignInDateTime();
        return new TenantFile.SignIns(successful == null ? null : successful.toString(),
                nonInteractive == null ? null : nonInteractive.toString(), interactive == null ? null : interactive.toString());
    }
}
