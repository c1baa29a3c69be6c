package io.seatwarden.directory;

import java.util.Set;

/**
 * Reads the part of a tenant a plan needs. Implementations: a tenant file, or Microsoft Graph.
 *
 * <p>A reader either returns a complete snapshot of what was asked or throws: it never returns
 * partial data (rule 4), so nothing is planned from a failed read.
 */
public interface DirectoryReader {
    /**
     * @param scope the groups the policies name and the SKUs they manage
     * @throws DirectoryReadException when the tenant cannot be read completely
     */
    TenantSnapshot read(ReadScope scope);

    /**
     * Which tenant this is, asked before anything else is read: a wet run takes the tenant's lease on
     * this id first, so that what it plans from is read while it holds the lease. Implementations ask
     * cheaply (Graph: from {@code GET /subscribedSkus}, else {@code GET /organization}); this default reads the subscriptions alone.
     *
     * @throws DirectoryReadException when the tenant cannot be asked
     */
    default TenantId tenantId() {
        return read(new ReadScope(Set.of(), Set.of(), false)).tenantId();
    }
}
