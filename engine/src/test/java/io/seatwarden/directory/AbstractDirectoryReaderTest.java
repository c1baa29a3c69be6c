package io.seatwarden.directory;

import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.directory.file.TenantFile;
import io.seatwarden.directory.file.TenantFileDirectoryReader;
import io.seatwarden.directory.file.TenantFileMapper;
import io.seatwarden.plan.Ownership;
import io.seatwarden.plan.Plan;
import io.seatwarden.plan.Planner;
import io.seatwarden.plan.ReadScopes;
import io.seatwarden.plan.Resolution;
import io.seatwarden.plan.Resolver;
import io.seatwarden.policy.PolicyProblem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static io.seatwarden.testing.TestingTenant.groupId;
import static io.seatwarden.testing.TestingTenant.skuId;
import static io.seatwarden.testing.TestingTenant.userId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every {@link DirectoryReader} keeps, run against each implementation (Trino's
 * {@code AbstractTestTrinoFileSystem} pattern): for the same tenant and scope, every reader returns
 * the same snapshot as the reference (the tenant file, scoped by {@link SnapshotScope}), so plans
 * made from any reader are identical.
 */
public abstract class AbstractDirectoryReaderTest {
    /** A reader over a tenant holding exactly {@code file}. */
    protected abstract DirectoryReader reader(TenantFile file);

    private static TenantSnapshot reference(ReadScope scope) {
        return TenantFileDirectoryReader.of(ReaderFixture.snapshot(), ReaderFixture.productNames()).read(scope);
    }

    @Test
    void readsWhatThePoliciesNeedAndNothingElse() {
        TenantSnapshot snapshot = reader(ReaderFixture.file()).read(ReadScopes.of(ReaderFixture.policies()));

        assertThat(snapshot.tenantId()).isEqualTo(new TenantId(ReaderFixture.TENANT_ID));
        assertThat(snapshot.subscribedSkus()).extracting(SubscribedSku::skuPartNumber)
                .containsExactlyInAnyOrder("ENTERPRISEPACK", "SPE_E5", "EMS");
        assertThat(snapshot.groups()).extracting(Group::displayName)
                .containsExactlyInAnyOrder("Sales", "Sales-EU", "Sales-EU-DE", "Engineering");
        assertThat(snapshot.users()).extracting(user -> user.id().value())
                // members of the named groups and their nested groups, and holders of the granted SKUs
                .containsExactlyInAnyOrder("user-alice", "user-bob", "user-carol", "user-dave", "user-heidi",
                        "user-erin", "user-grace");
    }

    @Test
    void keepsDirectMembersNestingAndEveryLicenseSource() {
        TenantSnapshot snapshot = reader(ReaderFixture.file()).read(ReadScopes.of(ReaderFixture.policies()));

        Group sales = snapshot.group(groupId("Sales")).orElseThrow();
        assertThat(sales.memberUsers()).containsExactly(userId("alice"), userId("dave"));
        assertThat(sales.memberGroups()).containsExactly(groupId("Sales-EU"));
        assertThat(snapshot.group(groupId("Sales-EU-DE")).orElseThrow().memberGroups()).containsExactly(groupId("Sales"));
        User grace = snapshot.user(userId("grace")).orElseThrow();
        assertThat(grace.licenses()).containsExactly(new LicenseAssignment(skuId("ENTERPRISEPACK"), new java.util.TreeSet<>(),
                java.util.Optional.of(groupId("Licensed"))));
        User alice = snapshot.user(userId("alice")).orElseThrow();
        assertThat(alice.directLicense(skuId("ENTERPRISEPACK")).orElseThrow().disabledPlans()).hasSize(1);
        User dave = snapshot.user(userId("dave")).orElseThrow();
        assertThat(dave.isGuest()).isTrue();
        assertThat(snapshot.user(userId("heidi")).orElseThrow().accountEnabled()).isFalse();
        assertThat(snapshot.user(userId("carol")).orElseThrow().hasUsageLocation()).isFalse();
        // seat counts are tenant-wide, not those of the users read
        assertThat(snapshot.sku(skuId("EMS")).orElseThrow().consumedUnits()).isEqualTo(1);
    }

    /** {@code tenants/licensing.json}: a group-licensing error, security, Microsoft 365 and dynamic groups. */
    private static TenantFile licensingTenant() {
        try (java.io.InputStream in = AbstractDirectoryReaderTest.class.getResourceAsStream("/tenants/licensing.json")) {
            TenantFile file = new io.seatwarden.directory.file.TenantFiles().parse(in, "licensing.json", false);
            // Bob is in the E3 group too, but its only seat is Dave's: Entra recorded a CountViolation
            List<TenantFile.UserEntry> users = new java.util.ArrayList<>(file.users());
            TenantFile.UserEntry bob = users.get(1);
            users.set(1, new TenantFile.UserEntry(bob.id(), bob.userPrincipalName(), bob.displayName(), bob.userType(), bob.creationType(),
                    bob.externalUserState(), bob.accountEnabled(), bob.usageLocation(), bob.onPremisesSyncEnabled(), List.of(),
                    List.of(new TenantFile.LicenseState(E3, List.of(), E3_GROUP, "Error", "CountViolation"))));
            List<TenantFile.GroupEntry> groups = new java.util.ArrayList<>(file.groups());
            TenantFile.GroupEntry licensed = groups.get(0);
            List<String> members = new java.util.ArrayList<>(licensed.members());
            members.add(bob.id());
            groups.set(0, new TenantFile.GroupEntry(licensed.id(), licensed.displayName(), members, licensed.assignedLicenses()));
            return new TenantFile(file.tenantId(), file.subscribedSkus(), users, groups);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final String E3 = "6fd2c87f-b296-42f0-b197-1e91e994b900";
    private static final String E3_GROUP = "c0000000-0000-4000-8000-000000000001";

    @Test
    void onlyAnAssignedStateIsAHeldLicense() {
        TenantSnapshot snapshot = reader(licensingTenant()).read(ReadScope.all());
        User bob = snapshot.user(new UserId("b0000000-0000-4000-8000-000000000002")).orElseThrow();
        assertThat(bob.holds(SkuId.of(E3))).isFalse();
        assertThat(bob.licenses()).isEmpty();
        assertThat(bob.licenseErrors()).singleElement().satisfies(error -> {
            assertThat(error.state()).isEqualTo(AssignmentState.ERROR);
            assertThat(error.error()).contains("CountViolation");
            assertThat(error.assignedByGroup()).contains(new GroupId(E3_GROUP));
        });
        User dave = snapshot.user(new UserId("b0000000-0000-4000-8000-000000000004")).orElseThrow();
        assertThat(dave.inheritsFromGroup(SkuId.of(E3))).isTrue();
        assertThat(dave.licenseErrors()).isEmpty();
        assertThat(snapshot.sku(SkuId.of(E3)).orElseThrow().consumedUnits()).isEqualTo(1);
    }

    @Test
    void readsSecurityMicrosoft365AndDynamicGroups() {
        TenantSnapshot snapshot = reader(licensingTenant()).read(ReadScope.all());
        Group security = snapshot.group(new GroupId("c0000000-0000-4000-8000-000000000002")).orElseThrow();
        assertThat(security.groupTypes()).isEmpty();
        assertThat(security.memberUsers()).hasSize(2);
        Group unified = snapshot.group(new GroupId("c0000000-0000-4000-8000-000000000003")).orElseThrow();
        assertThat(unified.isMicrosoft365()).isTrue();
        assertThat(unified.memberUsers()).containsExactly(new UserId("b0000000-0000-4000-8000-000000000002"));
        assertThat(unified.memberGroups()).isEmpty();
        Group dynamic = snapshot.group(new GroupId("c0000000-0000-4000-8000-000000000004")).orElseThrow();
        assertThat(dynamic.isDynamic()).isTrue();
        assertThat(dynamic.membershipRule()).contains("user.department -eq \"Sales\"");
        assertThat(dynamic.memberUsers()).containsExactly(new UserId("b0000000-0000-4000-8000-000000000003"));
    }

    @Test
    void givesTheSameSnapshotAsTheTenantFile() {
        ReadScope scope = ReadScopes.of(ReaderFixture.policies());
        assertThat(TenantFileMapper.toFile(canonical(reader(ReaderFixture.file()).read(scope))))
                .isEqualTo(TenantFileMapper.toFile(canonical(reference(scope))));
    }

    @Test
    void givesTheSameSnapshotOfTheWholeTenant() {
        TenantSnapshot whole = reader(ReaderFixture.file()).read(ReadScope.all());
        assertThat(whole.users()).hasSize(ReaderFixture.file().users().size());
        assertThat(whole.groups()).hasSize(ReaderFixture.file().groups().size());
        assertThat(TenantFileMapper.toFile(canonical(whole))).isEqualTo(TenantFileMapper.toFile(canonical(reference(ReadScope.all()))));
    }

    @Test
    void letsTheResolverReportAmbiguousAndMissingGroupsAsFromTheWholeTenant() {
        ReadScope scope = ReadScopes.of(ReaderFixture.badPolicies());
        TenantSnapshot snapshot = reader(ReaderFixture.file()).read(scope);

        assertThat(snapshot.groups()).extracting(group -> group.id().value()).containsExactlyInAnyOrder("support-1", "support-2");
        Resolution fromReader = new Resolver(ProductCatalog.empty()).resolve(ReaderFixture.badPolicies(), snapshot);
        Resolution fromWholeTenant = new Resolver(ProductCatalog.empty()).resolve(ReaderFixture.badPolicies(), ReaderFixture.snapshot());
        List<String> problems = fromReader.problems().stream().map(PolicyProblem::message).collect(Collectors.toList());
        assertThat(problems).anySatisfy(message -> assertThat(message).contains("ambiguous"))
                .anySatisfy(message -> assertThat(message).contains("not found"));
        assertThat(fromReader.problems()).isEqualTo(fromWholeTenant.problems());
    }

    @Test
    void givesTheSamePlanAsTheTenantFile() {
        ReadScope scope = ReadScopes.of(ReaderFixture.policies());
        Plan fromReader = plan(reader(ReaderFixture.file()).read(scope));
        Plan fromFile = plan(reference(scope));
        assertThat(fromReader).isEqualTo(fromFile);
        assertThat(fromReader.changes()).isNotEmpty();
    }

    @Test
    void readsCreationTimesAndSignInActivityOnlyWhenTheScopeAsks() {
        ReadScope plain = ReadScopes.of(ReaderFixture.policies());
        ReadScope withActivity = plain.withSignInActivity(true);

        TenantSnapshot without = reader(ReaderFixture.file()).read(plain);
        TenantSnapshot with = reader(ReaderFixture.file()).read(withActivity);

        assertThat(without.users()).allSatisfy(user -> {
            assertThat(user.createdDateTime()).isNull();
            assertThat(user.signInActivity()).isNull();
        });
        User alice = with.user(userId("alice")).orElseThrow();
        assertThat(alice.createdDateTime()).isEqualTo(java.time.Instant.parse("2020-01-06T08:00:00Z"));
        assertThat(alice.signInActivity().lastSignIn()).contains(java.time.Instant.parse("2026-10-01T09:30:00Z"));
        User bob = with.user(userId("bob")).orElseThrow();
        assertThat(bob.createdDateTime()).isEqualTo(java.time.Instant.parse("2025-03-01T00:00:00Z"));
        assertThat(bob.signInActivity()).as("never signed in").isNull();
        assertThat(TenantFileMapper.toFile(canonical(with))).isEqualTo(TenantFileMapper.toFile(canonical(reference(withActivity))));
    }

    /** Readers may return users in different orders (a file's order, Graph's); compare sorted copies. */
    private static TenantSnapshot canonical(TenantSnapshot snapshot) {
        return SnapshotScope.canonical(snapshot.tenantId(), snapshot.subscribedSkus(), snapshot.users(), snapshot.groups());
    }

    private static Plan plan(TenantSnapshot snapshot) {
        ProductCatalog catalog = new ProductCatalog(List.of(new ProductCatalog.Product(skuId("SPE_E5"), "SPE_E5", "Microsoft 365 E5", List.of())));
        Resolution resolution = new Resolver(catalog).resolve(ReaderFixture.policies(), snapshot);
        return new Planner().plan(resolution.orThrow(), snapshot, Ownership.none());
    }
}
