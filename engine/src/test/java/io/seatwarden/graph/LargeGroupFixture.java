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
