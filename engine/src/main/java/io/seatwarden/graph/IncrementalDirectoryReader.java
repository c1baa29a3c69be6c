package io.seatwarden.graph;

import io.seatwarden.directory.DeltaMerge;
import io.seatwarden.directory.DeltaReading;
import io.seatwarden.directory.DirectoryReadException;
import io.seatwarden.directory.DirectoryReader;
import io.seatwarden.directory.ReadScope;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.SnapshotScope;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.User;
import io.seatwarden.directory.UserId;
import io.seatwarden.directory.file.SnapshotCodec;
import io.seatwarden.directory.file.TenantFileException;
import io.seatwarden.directory.DeltaState;
import io.seatwarden.directory.SnapshotStore;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * A {@link DirectoryReader} that reads what changed since the last wet run (Graph's delta queries) instead of
 * the whole scope, behind the same port. Each read:
 * <ol>
 *   <li>{@code GET /subscribedSkus} (seat counts are always read fresh; the tenant id comes with them);</li>
 *   <li>with a stored snapshot covering the scope: the stored delta links to the end of their rounds, users
 *       delta reports changed (and new members) read again by id, and the stored snapshot updated
 *       ({@link DeltaMerge}); the result equals what a full read of the scope gives;</li>
 *   <li>otherwise, and whenever anything is doubtful, a full read ({@link GraphDirectoryReader}), said on
 *       {@code notes} with its reason: no stored snapshot, {@code --full}, an expired or refused delta link,
 *       policies that name another group or SKU, a stored snapshot of another tenant, a group of the snapshot
 *       deleted, renamed or re-licensed, a nested group the snapshot lacks, or a last full read older than
 *       {@link #FULL_READ_EVERY} (what delta cannot see — a license state changing alone — is caught up).</li>
 * </ol>
 * {@link Mode#ADVANCE} (wet runs) stores the new snapshot and the next delta links after each read; before a
 * full read it first takes links from now ({@code $deltatoken=latest}), so changes made during the read are
 * seen again next time rather than lost. {@link Mode#READ_ONLY} ({@code plan}) uses stored links and stores
 * nothing: a delta link can be followed again. The stored scope only grows (a full read covers it and the
 * new scope), so a run's second, wider read (owned SKUs) does not undo its first. One read at a time.
 */
public final class IncrementalDirectoryReader implements DirectoryReader {
    /** A full read at least this often, for what delta queries do not track. */
    public static final Duration FULL_READ_EVERY = Duration.ofDays(7);

    /** Whether reads store what the next incremental read starts from. */
    public enum Mode { READ_ONLY, ADVANCE }

    /** How the last read went, for reports: incremental, or full and why. */
    public record ReadReport(boolean incremental, String reason, int requests, boolean doubtful) {}

    private final GraphDirectoryReader full;
    private final GraphDeltaReader delta;
    private final SnapshotStore store;
    private final Mode mode;
    private final boolean forceFull;
    private final Function<String, Collection<SkuId>> productNames;
    private final InstantSource clock;
    private final Consumer<DeltaReading.ReadNote> notes;
    private final SnapshotCodec codec = new SnapshotCodec();
    private volatile Optional<ReadReport> last = Optional.empty();

    IncrementalDirectoryReader(GraphDirectoryReader full, GraphDeltaReader delta, SnapshotStore store, Mode mode, boolean forceFull,
            Function<String, Collection<SkuId>> productNames, InstantSource clock, Consumer<DeltaReading.ReadNote> notes) {
        this.full = requireNonNull(full, "full is null");
        this.delta = requireNonNull(delta, "delta is null");
        this.store = requireNonNull(store, "store is null");
        this.mode = requireNonNull(mode, "mode is null");
        this.forceFull = forceFull;
        this.productNames = requireNonNull(productNames, "productNames is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.notes = requireNonNull(notes, "notes is null");
    }

    /**
     * An incremental reader over a Graph client of {@link GraphClientFactory} (benchmarks, tools); runs get theirs
     * from {@link io.seatwarden.directory.DeltaReading#incremental}.
     */
    public static IncrementalDirectoryReader over(com.microsoft.graph.serviceclient.GraphServiceClient client, SnapshotStore store,
            Mode mode, Function<String, Collection<SkuId>> productNames, InstantSource clock, Consumer<DeltaReading.ReadNote> notes) {
        return new IncrementalDirectoryReader(new GraphDirectoryReader(client, productNames, ProgressListener.NONE),
                new GraphDeltaReader(client), store, mode, false, productNames, clock, notes);
    }

    /** How the last {@link #read} went; empty before the first. */
    public Optional<ReadReport> lastRead() {
        return last;
    }

    /** Graph's own answer ({@code GET /organization}), never a read of the scope. */
    @Override
    public TenantId tenantId() {
        return full.tenantId();
    }

    @Override
    public TenantSnapshot read(ReadScope scope) {
        requireNonNull(scope, "scope is null");
        if (scope.everything()) {
            return full.read(scope);
        }
        if (scope.signInActivity()) {
            // Delta queries do not track sign-in activity: reclaim reads everyone's afresh. Nothing is stored, so
            // the stored snapshot (if any) stays one without activity, consistent with its links.
            TenantSnapshot snapshot = full.read(scope);
            String reason = "a policy uses reclaim.inactiveDays, and Graph's delta queries do not track sign-in activity";
            last = Optional.of(new ReadReport(false, reason, 0, false));
            notes.accept(new DeltaReading.ReadNote(false, reason, false));
            return snapshot;
        }
        TenantSnapshot skus = full.read(new ReadScope(Set.of(), Set.of(), false)); // subscribedSkus only
        TenantId tenant = skus.tenantId();
        Optional<DeltaState> stored = store.load(tenant);
        if (forceFull) {
            return fullRead(scope, tenant, stored, "--full asks for it", false);
        }
        if (stored.isEmpty()) {
            return fullRead(scope, tenant, stored, "no stored snapshot of tenant " + tenant + " yet", false);
        }
        TrackedScope tracked = TrackedScope.decode(stored.get().scopeKey());
        Set<SkuId> holders = SnapshotScope.skus(scope, skus.subscribedSkus(), productNames);
        Instant now = clock.instant();
        if (now.isAfter(stored.get().fullReadAt().plus(FULL_READ_EVERY))) {
            return fullRead(scope, tenant, stored, "the last full read was more than " + FULL_READ_EVERY.toDays() + " days ago", false);
        }
        if (!tracked.covers(scope, holders)) {
            return fullRead(scope, tenant, stored, "the policies reach further than the stored snapshot (a new group or SKU)", true);
        }
        TenantSnapshot base;
        try {
            base = codec.decode(stored.get().snapshot());
        } catch (TenantFileException | UncheckedIOException e) {
            return fullRead(scope, tenant, stored, "the stored snapshot cannot be read (" + e.getMessage() + ")", true);
        }
        if (!base.tenantId().equals(tenant)) {
            return fullRead(scope, tenant, stored, "the stored snapshot is of tenant " + base.tenantId() + ", Graph answers as " + tenant, true);
        }
        GraphDeltaReader.Round round;
        try {
            round = delta.changes(new GraphDeltaReader.Links(stored.get().usersDeltaLink(), stored.get().groupsDeltaLink()));
        } catch (GraphDeltaReader.Expired e) {
            return fullRead(scope, tenant, stored, e.getMessage(), e.doubtful());
        }
        // The merge covers the tracked scope (which covers this one), so a narrower read does not shrink what is stored.
        ReadScope trackedScope = tracked.readScope();
        DeltaMerge merge = new DeltaMerge(base, trackedScope, productNames);
        DeltaMerge.Either toRead = merge.usersToRead(round.changes(), skus.subscribedSkus());
        if (toRead.fallback().isPresent()) {
            return fullRead(scope, tenant, stored, toRead.fallback().get(), true);
        }
        int[] requests = {round.requests() + 1};
        Map<UserId, User> reread = delta.users(toRead.users(), requests);
        TenantSnapshot updated = merge.merge(round.changes(), skus.subscribedSkus(), toRead, reread);
        if (mode == Mode.ADVANCE) {
            store.save(new DeltaState(tenant, new TrackedScope(trackedScope.groupReferences(), trackedScope.skuReferences(),
                    SnapshotScope.skus(trackedScope, skus.subscribedSkus(), productNames)).encode(), round.next().users(),
                    round.next().groups(), codec.encode(updated), now, stored.get().fullReadAt()));
        }
        String reason = round.changes().users().size() + " user and " + round.changes().groups().size() + " group changes since "
                + stored.get().readAt() + ", " + toRead.users().size() + " users read again, " + toRead.updated().size() + " updated from delta alone";
        last = Optional.of(new ReadReport(true, reason, requests[0], false));
        notes.accept(new DeltaReading.ReadNote(true, reason + " (" + requests[0] + " requests)", false));
        return scoped(updated, scope);
    }

    private TenantSnapshot fullRead(ReadScope scope, TenantId tenant, Optional<DeltaState> stored, String reason, boolean doubtful) {
        ReadScope wide = stored.map(state -> TrackedScope.union(TrackedScope.decode(state.scopeKey()).readScope(), scope)).orElse(scope);
        TenantSnapshot snapshot;
        if (mode == Mode.ADVANCE) {
            GraphDeltaReader.Links links = delta.latest(); // before the read: what changes during it is seen next time
            snapshot = full.read(wide);
            if (!snapshot.tenantId().equals(tenant)) {
                throw new DirectoryReadException("Graph answered as tenant " + snapshot.tenantId() + " after " + tenant + " within one read");
            }
            Instant now = clock.instant();
            TrackedScope tracked = new TrackedScope(wide.groupReferences(), wide.skuReferences(),
                    SnapshotScope.skus(wide, snapshot.subscribedSkus(), productNames));
            store.save(new DeltaState(tenant, tracked.encode(), links.users(), links.groups(), codec.encode(snapshot), now, now));
        } else {
            snapshot = full.read(scope);
            wide = scope;
        }
        last = Optional.of(new ReadReport(false, reason, 0, doubtful));
        notes.accept(new DeltaReading.ReadNote(false, reason, doubtful));
        return wide.equals(scope) ? snapshot : scoped(snapshot, scope);
    }

    private TenantSnapshot scoped(TenantSnapshot snapshot, ReadScope scope) {
        TenantSnapshot subset = SnapshotScope.subset(snapshot, scope, productNames);
        return SnapshotScope.canonical(subset.tenantId(), subset.subscribedSkus(), subset.users(), subset.groups());
    }
}
