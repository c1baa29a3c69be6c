package io.seatwarden.graph;

import io.seatwarden.directory.ReadScope;
import io.seatwarden.directory.file.TenantFile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** One group of many users who all hold one SKU: for paging. */
final class LargeGroupFixture {
    static final String SKU = "6fd2c87f-b296-42f0-b197-1e91e994b900";
    static final String TENANT = "6c4f3a1e-2b1d-4d8e-9f00-0000000000c2";

    private LargeGroupFixture() {}

    /**
     * The same tenant but for the last user, who holds the SKU outside the group: the holders' chain
     * must then be read to its end (no early stop: not every holder is a member).
     */
    static TenantFile tenantWithHolderOutside(int users) {
        TenantFile all = tenant(users);
        TenantFile.GroupEntry group = all.groups().get(0);
        List<String> members = new ArrayList<>(group.members().subList(0, users - 1));
        return new TenantFile(all.tenantId(), all.subscribedSkus(), all.users(),
                List.of(new TenantFile.GroupEntry(group.id(), group.displayName(), group.groupTypes(), group.securityEnabled(),
                        group.mailEnabled(), group.membershipRule(), members, group.assignedLicenses())));
    }

    static TenantFile tenant(int users) {
        List<TenantFile.UserEntry> entries = new ArrayList<>();
        List<String> members = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String id = String.format("00000000-0000-0000-0000-%012d", i);
            entries.add(new TenantFile.UserEntry(id, "user" + i + "@contoso.test", "User " + i, "Member", null, null, true, "US",
                    null, List.of(new TenantFile.License(SKU, List.of())), null));
            members.add(id);
        }
        return new TenantFile(TENANT,
                List.of(new TenantFile.Sku(SKU, "ENTERPRISEPACK", "User", "Enabled", new TenantFile.Units(users, 0, 0, 0), null, List.of())),
                entries, List.of(new TenantFile.GroupEntry("11111111-0000-0000-0000-000000000001", "Everyone", members, List.of())));
    }

    static ReadScope scope() {
        return new ReadScope(Set.of("Everyone"), Set.of("ENTERPRISEPACK"), false);
    }
}
