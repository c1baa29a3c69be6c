package io.seatwarden.directory.file;

import io.seatwarden.directory.AbstractDirectoryReaderTest;
import io.seatwarden.directory.DirectoryReader;
import io.seatwarden.directory.ReaderFixture;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.plan.ReadScopes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TenantFileDirectoryReaderTest extends AbstractDirectoryReaderTest {
    @TempDir
    Path directory;

    @Override
    protected DirectoryReader reader(TenantFile file) {
        return TenantFileDirectoryReader.of(TenantFileMapper.toSnapshot(file, "test"), ReaderFixture.productNames());
    }

    @Test
    void readsTheFileOnEveryRead() throws Exception {
        Path path = directory.resolve("tenant.yaml");
        TenantFiles files = new TenantFiles();
        files.write(ReaderFixture.snapshot(), path);
        DirectoryReader reader = TenantFileDirectoryReader.of(path, ReaderFixture.productNames());
        TenantSnapshot first = reader.read(ReadScopes.of(ReaderFixture.policies()));
        assertThat(first.users()).hasSize(7);

        TenantFile file = ReaderFixture.file();
        List<TenantFile.GroupEntry> renamed = new ArrayList<>();
        for (TenantFile.GroupEntry group : file.groups()) {
            renamed.add(group.displayName().equals("Sales")
                    ? new TenantFile.GroupEntry(group.id(), "Sold", group.members(), group.assignedLicenses())
                    : group);
        }
        files.write(TenantFileMapper.toSnapshot(new TenantFile(file.tenantId(), file.subscribedSkus(), file.users(), renamed), "test"), path);
        TenantSnapshot second = reader.read(ReadScopes.of(ReaderFixture.policies()));
        assertThat(second.groups()).extracting(group -> group.displayName()).doesNotContain("Sales", "Sales-EU");
    }
}
