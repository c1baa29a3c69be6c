package io.seatwarden.directory.file;

import io.seatwarden.directory.DirectoryReader;
import io.seatwarden.directory.ReadScope;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.SnapshotScope;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.TenantSnapshot;

import java.nio.file.Path;
import java.util.Collection;
import java.util.function.Function;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * A {@link DirectoryReader} over a tenant file ({@code --tenant FILE}): returns exactly the subset of
 * the file that the Graph reader returns for the same scope ({@link SnapshotScope}), so plans from a
 * file and from Graph agree. The file is read on every {@link #read}, so a changed file is seen.
 */
public final class TenantFileDirectoryReader implements DirectoryReader {
    private final Supplier<TenantSnapshot> tenant;
    private final Function<String, Collection<SkuId>> productNames;
    /** The file {@link #tenantId} parsed, kept for the read that follows (one parse per run, not two). */
    private TenantSnapshot peeked;

    /**
     * @param productNames SKU ids of a product display name (Microsoft's catalog), to resolve SKU references
     */
    public TenantFileDirectoryReader(Supplier<TenantSnapshot> tenant, Function<String, Collection<SkuId>> productNames) {
        this.tenant = requireNonNull(tenant, "tenant is null");
        this.productNames = requireNonNull(productNames, "productNames is null");
    }

    /** Reads {@code file} (JSON or YAML) on each read; a bad file is a {@link TenantFileException} naming the place. */
    public static TenantFileDirectoryReader of(Path file, Function<String, Collection<SkuId>> productNames) {
        TenantFiles files = new TenantFiles();
        return new TenantFileDirectoryReader(() -> files.read(file), productNames);
    }

    /** Over a snapshot already in memory (tests, the demo). */
    public static TenantFileDirectoryReader of(TenantSnapshot snapshot, Function<String, Collection<SkuId>> productNames) {
        requireNonNull(snapshot, "snapshot is null");
        return new TenantFileDirectoryReader(() -> snapshot, productNames);
    }

    @Override
    public synchronized TenantSnapshot read(ReadScope scope) {
        requireNonNull(scope, "scope is null");
        TenantSnapshot whole = peeked != null ? peeked : tenant.get();
        peeked = null;
        return SnapshotScope.subset(whole, scope, productNames);
    }

    @Override
    public synchronized TenantId tenantId() {
        peeked = tenant.get();
        return peeked.tenantId();
    }
}
