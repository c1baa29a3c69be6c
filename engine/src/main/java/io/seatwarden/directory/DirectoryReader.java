package io.seatwarden.directory;

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
}
