package io.seatwarden.graph;

import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.seatwarden.directory.DeltaReading;
import io.seatwarden.directory.DirectoryReader;
import io.seatwarden.directory.ReadScope;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.SnapshotStore;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.TenantSnapshot;

import java.time.InstantSource;
import java.util.Collection;
import java.util.function.Consumer;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * What {@link GraphReaders} opens: a full reader of the scope ({@link GraphDirectoryReader}) that a run can
 * turn into an incremental one ({@link IncrementalDirectoryReader}) over the same client.
 */
final class GraphTenantReader implements DirectoryReader, DeltaReading {
    private final GraphServiceClient client;
    private final GraphDirectoryReader full;
    private final Function<String, Collection<SkuId>> productNames;

    GraphTenantReader(GraphServiceClient client, GraphDirectoryReader full, Function<String, Collection<SkuId>> productNames) {
        this.client = requireNonNull(client, "client is null");
        this.full = requireNonNull(full, "full is null");
        this.productNames = requireNonNull(productNames, "productNames is null");
    }

    /** Graph's own answer ({@code GET /organization}), never a read of the scope. */
    @Override
    public TenantId tenantId() {
        return full.tenantId();
    }

    @Override
    public TenantSnapshot read(ReadScope scope) {
        return full.read(scope);
    }

    @Override
    public DirectoryReader incremental(SnapshotStore store, boolean readOnly, boolean forceFull, InstantSource clock,
            Consumer<ReadNote> notes) {
        return new IncrementalDirectoryReader(full, new GraphDeltaReader(client), store,
                readOnly ? IncrementalDirectoryReader.Mode.READ_ONLY : IncrementalDirectoryReader.Mode.ADVANCE, forceFull, productNames,
                clock, notes);
    }
}
