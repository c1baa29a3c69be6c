package io.seatwarden.directory;

import io.seatwarden.directory.file.TenantFile;
import io.seatwarden.directory.file.TenantFileMapper;
import io.seatwarden.policy.PolicySet;
import io.seatwarden.testing.TestingTenant;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import static io.seatwarden.testing.TestingTenant.skuId;
import static io.seatwarden.testing.TestingTenant.tenant;

/**
 * The tenant and policies the directory reader contract runs on: nested groups with a cycle, a
 * group named by id, an ambiguous and a missing group name, Entra group licensing, guests, holders
 * of scoped SKUs outside every named group, and groups and users no policy reaches.
 */
public final class ReaderFixture {
    public static final String TENANT_ID = "6c4f3a1e-2b1d-4d8e-9f00-0000000000c1";
    public static final String ENGINEERING_ID = "0b9e1b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b";

    private ReaderFixture() {}

    public static TestingTenant builder() {
        return tenant()
                .sku("ENTERPRISEPACK", 20, "EXCHANGE_S_ENTERPRISE", "TEAMS1", "YAMMER_ENTERPRISE")
                .sku("SPE_E5", 10, "EXCHANGE_S_ENTERPRISE", "TEAMS1")
                .sku("EMS", 10, "INTUNE_A")
                .group("Sales", "Sales-EU")
                .group("Sales-EU", "Sales-EU-DE")
                .group("Sales-EU-DE", "Sales")
                .groupWithId(ENGINEERING_ID, "Engineering")
                .groupWithId("support-1", "Support")
                .groupWithId("support-2", "Support")
                .group("Marketing", "Marketing-Inner")
                .groupLicense("Licensed", "ENTERPRISEPACK")
                .user("alice").inGroup("Sales").holds("ENTERPRISEPACK", "YAMMER_ENTERPRISE")
                .created(java.time.Instant.parse("2020-01-06T08:00:00Z")).signedIn(java.time.Instant.parse("2026-10-01T09:30:00Z"))
                .user("bob").inGroup("Sales-EU").created(java.time.Instant.parse("2025-03-01T00:00:00Z"))
                .user("carol").inGroup("Sales-EU-DE", "Marketing").noLocation()
                .user("dave").inGroup("Sales").userType("Guest").upnIs("dave_fabrikam.test#EXT#@contoso.test")
                .user("erin").inGroup("Marketing").holds("ENTERPRISEPACK")
                .user("frank").inGroup("Marketing-Inner").holds("EMS")
                .signedInNonInteractively(java.time.Instant.parse("2026-11-20T03:00:00Z"))
                .user("grace").inGroup("Licensed")
                .user("heidi").inGroup(ENGINEERING_ID).holds("SPE_E5").disabled()
                .user("ivan").inGroup("support-1")
                .user("judy").inGroup("support-2")
                .user("mallory");
    }

    /** The fixture as a tenant file (what the emulator serves). */
    public static TenantFile file() {
        TenantFile file = TenantFileMapper.toFile(builder().build());
        return new TenantFile(TENANT_ID, file.subscribedSkus(), file.users(), file.groups());
    }

    public static TenantSnapshot snapshot() {
        return TenantFileMapper.toSnapshot(file(), "fixture");
    }

    /** Policies that all resolve: Sales (nested), Engineering by id, E5 by product name. */
    public static PolicySet policies() {
        return io.seatwarden.testing.TestingPolicies.policies()
                .policy("sales-e3", "Sales").usageLocation("US").grant("ENTERPRISEPACK").disabling("YAMMER_ENTERPRISE")
                .policy("engineering-e5", ENGINEERING_ID).grant("Microsoft 365 E5").prune()
                .build();
    }

    /** Policies naming an ambiguous and a missing group. */
    public static PolicySet badPolicies() {
        return io.seatwarden.testing.TestingPolicies.policies()
                .policy("support", "support").grant("SPE_E5")
                .policy("ghost", "Nobody").grant("ENTERPRISEPACK")
                .build();
    }

    /** The product catalog the fixture uses: "Microsoft 365 E5" is SPE_E5. */
    public static Function<String, Collection<SkuId>> productNames() {
        return name -> name.equalsIgnoreCase("Microsoft 365 E5") ? List.of(skuId("SPE_E5")) : List.of();
    }
}
