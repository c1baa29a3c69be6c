package io.seatwarden.reconcile;

import io.seatwarden.directory.DirectoryReader;
import io.seatwarden.reconcile.LicenseWriter;

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
}
