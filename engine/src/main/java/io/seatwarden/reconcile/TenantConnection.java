package io.seatwarden.reconcile;

import io.seatwarden.directory.DirectoryReader;
import io.seatwarden.directory.UserId;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How a run reaches one tenant: a reader for the snapshot and a writer for the changes. Keep one
 * writer per tenant for the life of the process, so its write pace spans runs (Graph's budget is
 * per app and tenant, not per run).
 */
public record TenantConnection(DirectoryReader reader, LicenseWriter writer) {
    public TenantConnection {
        requireNonNull(reader, "reader is null");
        requireNonNull(writer, "writer is null");
    }

    /** For dry runs ({@code plan}, a tenant file): reads, and refuses every write. */
    public static TenantConnection readOnly(DirectoryReader reader) {
        return new TenantConnection(reader, new ReadOnlyWriter());
    }

    private static final class ReadOnlyWriter implements LicenseWriter {
        @Override
        public List<WriteResult> write(List<WriteOperation> operations, WriteListener listener) {
            throw new IllegalStateException("a read-only tenant connection cannot write");
        }

        @Override
        public Map<UserId, Optional<UserLicenses>> readBack(Collection<UserId> users) {
            throw new GraphReadBackException("a read-only tenant connection cannot read users back");
        }

        @Override
        public WriterStats stats() {
            return WriterStats.ZERO;
        }
    }
}
