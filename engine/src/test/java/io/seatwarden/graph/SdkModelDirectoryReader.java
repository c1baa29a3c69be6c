package io.seatwarden.graph;

import com.microsoft.graph.core.tasks.PageIterator;
import com.microsoft.graph.models.AssignedLicense;
import com.microsoft.graph.models.BaseCollectionPaginationCountResponse;
import com.microsoft.graph.models.DirectoryObject;
import com.microsoft.graph.models.DirectoryObjectCollectionResponse;
import com.microsoft.graph.models.GroupCollectionResponse;
import com.microsoft.graph.models.LicenseAssignmentState;
import com.microsoft.graph.models.LicenseUnitsDetail;
import com.microsoft.graph.models.Organization;
import com.microsoft.graph.models.OrganizationCollectionResponse;
import com.microsoft.graph.models.ServicePlanInfo;
import com.microsoft.graph.models.SubscribedSkuCollectionResponse;
import com.microsoft.graph.models.UserCollectionResponse;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.RequestInformation;
import com.microsoft.kiota.serialization.AdditionalDataHolder;
import com.microsoft.kiota.serialization.Parsable;
import com.microsoft.kiota.serialization.ParsableFactory;
import io.seatwarden.directory.CapabilityStatus;
import io.seatwarden.directory.DirectoryReadException;
import io.seatwarden.directory.DirectoryReader;
import io.seatwarden.directory.Group;
import io.seatwarden.directory.GroupId;
import io.seatwarden.directory.Guids;
import io.seatwarden.directory.AssignmentState;
import io.seatwarden.directory.LicenseAssignment;
import io.seatwarden.directory.PrepaidUnits;
import io.seatwarden.directory.ReadScope;
import io.seatwarden.directory.ServicePlan;
import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.SnapshotScope;
import io.seatwarden.directory.SubscribedSku;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.User;
import io.seatwarden.directory.UserId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/*
 * The Graph reader as it was before issue 10 item 4 (every page parsed through the SDK's models and
 * PageIterator, the holders always read whole), kept verbatim as the reference that
 * StreamedReadEqualityTest compares GraphDirectoryReader with, and that GraphReadBenchmark measures as
 * "before". Not used by the engine.
 */
/**
 * A {@link DirectoryReader} over Microsoft Graph v1.0 through the Graph SDK for Java. It reads only
 * what a plan needs ({@link SnapshotScope} says what that is; a tenant file gives the same subset):
 *
 * <ol>
 *   <li>{@code GET /subscribedSkus?$select=...} once. The tenant id comes from the SKUs' ids
 *       ({@code {tenantId}_{skuId}}, as Graph documents them); only a tenant without SKUs costs a
 *       {@code GET /organization?$select=id}.</li>
 *   <li>The groups the policies name, in as few requests as Graph allows:
 *       {@code GET /groups?$filter=displayName in ('A','B') or id in ('...')&$select=id,displayName,assignedLicenses}
 *       for up to {@value #FILTER_VALUES} references per request. Every group whose display name
 *       matches is kept, so the planner's resolver reports "no group" or "ambiguous" exactly as it
 *       would from a tenant file.</li>
 *   <li>For every group reached (the named ones, then nesting, each group once even in a cycle):
 *       {@code GET /groups/{id}/members/microsoft.graph.user?$select=<the planner's user fields>&$top=999}
 *       and {@code GET /groups/{id}/members/microsoft.graph.group?$select=id,displayName,assignedLicenses,groupTypes&$top=999}
 *       (not for Microsoft 365 groups, which cannot contain groups and on which Graph refuses the cast),
 *       both with {@code ConsistencyLevel: eventual} and {@code $count=true}, which Graph requires
 *       for an OData cast, on every page. Why per-group {@code members} rather than
 *       {@code transitiveMembers}: the snapshot must say which users are <em>direct</em> members of
 *       which group ({@code Group.memberUsers}; the planner follows nesting itself, and Entra's own
 *       group licensing gives licenses to direct members only), which a transitive list cannot say.
 *       Per-group direct reads also fetch each user once per group it is in, where transitive lists
 *       of nested groups would fetch the members of inner groups again for every outer group. Two
 *       requests per group (one cast each) is the floor with casts; the user pages are
 *       {@code ceil(members/999)}.</li>
 *   <li>The holders of each SKU the policies grant (for {@code prune} and ownership):
 *       {@code GET /users?$filter=assignedLicenses/any(x:x/skuId eq GUID)&$select=...&$top=999},
 *       which Graph serves without advanced-query headers; they are sent (with {@code $count=true})
 *       for the count below.</li>
 * </ol>
 * {@link ReadScope#all()} ({@code snapshot --all}) reads {@code /users} and {@code /groups} whole and
 * each group's direct members as ids only ({@code /groups/{id}/members?$select=id}).
 * When {@link ReadScope#signInActivity()} (a policy uses {@code reclaim.inactiveDays}), users' creation time
 * and sign-in activity are read too, by {@link SignInActivityReader} (permission {@code AuditLog.Read.All}).
 *
 * <p>Paging follows {@code @odata.nextLink} with the SDK's {@link PageIterator}, re-sending
 * {@code ConsistencyLevel} on every page (Graph does not carry headers over). A nextLink that repeats
 * an earlier one is a broken page chain (the iterator would loop). Every paged read asks for
 * {@code @odata.count} (advanced query: {@code ConsistencyLevel: eventual} and {@code $count=true}),
 * and a chain that returns fewer items than that count ended early (a page's nextLink went missing):
 * a broken page chain too. The token goes only to the
 * endpoint's host whatever a nextLink says ({@link GraphCredentials}). Transient failures (429, 503, 504) are
 * retried by the client ({@link GraphClientFactory}) honouring {@code Retry-After}; a request that
 * still fails, or a broken page chain, throws {@link DirectoryReadException} and nothing is
 * returned (rule 4). No SDK exception type escapes this class.
 *
 * <p>Each group's members and each SKU's holders are independent page chains, read
 * {@value #DEFAULT_PARALLELISM} at a time (a level of nesting at a time); the snapshot does not
 * depend on the order in which they arrive ({@link SnapshotScope#canonical}).
 *
 * <p>One read at a time per reader.
 */
public final class SdkModelDirectoryReader implements DirectoryReader {
    /** The user properties the planner uses; everything else is left out of every response. */
    static final String[] USER_FIELDS = {"id", "userPrincipalName", "displayName", "userType", "creationType",
        "externalUserState", "accountEnabled", "usageLocation", "onPremisesSyncEnabled", "assignedLicenses",
        "licenseAssignmentStates"};
    static final String[] GROUP_FIELDS = {"id", "displayName", "assignedLicenses", "groupTypes", "membershipRule"};
    static final String[] SKU_FIELDS = {"id", "skuId", "skuPartNumber", "appliesTo", "capabilityStatus", "prepaidUnits",
        "consumedUnits", "servicePlans"};
    /** Graph's largest page for users, groups and members. */
    static final int PAGE_SIZE = 999;
    /**
     * Values per {@code in (...)} filter. Graph limits the number of expressions in a filter (its
     * known-issues page mentions 15 for some resources); 15 keeps every request within it.
     */
    static final int FILTER_VALUES = 15;
    /**
     * Collections read at the same time. Each group's members and each SKU's holders are
     * independent page chains; four at a time spend at most a few percent of Graph's directory read
     * budget (8,000 resource units per 10 s for a large tenant, 1-2 units per page with
     * {@code $select}), and hide most of Graph's per-page latency.
     */
    public static final int DEFAULT_PARALLELISM = 4;

    private final GraphServiceClient client;
    private final Function<String, Collection<SkuId>> productNames;
    private final ProgressListener progress;
    private final int parallelism;
    private final AtomicInteger usersRead = new AtomicInteger();

    /**
     * @param client built by {@link GraphClientFactory} (retries configured, requests reported to {@code progress})
     * @param productNames SKU ids of a product display name (Microsoft's catalog), to resolve SKU references
     */
    SdkModelDirectoryReader(GraphServiceClient client, Function<String, Collection<SkuId>> productNames, ProgressListener progress) {
        this(client, productNames, progress, DEFAULT_PARALLELISM);
    }

    /** @param parallelism how many collections are read at the same time (1: one request at a time) */
    public SdkModelDirectoryReader(GraphServiceClient client, Function<String, Collection<SkuId>> productNames, ProgressListener progress,
            int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        this.parallelism = parallelism;
        this.client = requireNonNull(client, "client is null");
        this.productNames = requireNonNull(productNames, "productNames is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    @Override
    public TenantSnapshot read(ReadScope scope) {
        requireNonNull(scope, "scope is null");
        try {
            usersRead.set(0);
            return scope.everything() ? readEverything(scope) : readScoped(scope);
        } finally {
            progress.finished();
        }
    }

    private TenantSnapshot readScoped(ReadScope scope) {
        Skus skus = readSubscribedSkus();
        Map<String, User> users = new ConcurrentHashMap<>();
        Map<String, com.microsoft.graph.models.Group> found = new LinkedHashMap<>();
        for (com.microsoft.graph.models.Group group : lookUpGroups(new TreeSet<>(scope.groupReferences()))) {
            found.putIfAbsent(group.getId(), group);
        }
        ParallelReads pool = new ParallelReads(parallelism);
        try {
            // The holders' reads do not depend on the group tree: they run alongside it.
            List<Future<?>> holders = new ArrayList<>();
            for (SkuId sku : SnapshotScope.skus(scope, skus.skus(), productNames)) {
                holders.add(pool.submit(() -> readHolders(sku, users)));
            }
            // Sign-in activity is one more independent page chain, read only when a policy reclaims from inactive users.
            Future<Map<UserId, SignInActivityReader.Activity>> activity = scope.signInActivity()
                    ? pool.submit(() -> new SignInActivityReader(client, progress).read()) : null;
            List<Group> groups = new ArrayList<>();
            Set<String> reached = new HashSet<>();
            List<com.microsoft.graph.models.Group> level = new ArrayList<>(found.values());
            // Breadth first, one level of nesting at a time; every group once, even in a cycle.
            while (!level.isEmpty()) {
                List<Future<GroupRead>> reads = new ArrayList<>();
                for (com.microsoft.graph.models.Group group : level) {
                    if (reached.add(group.getId())) {
                        reads.add(pool.submit(() -> readGroup(group, users)));
                    }
                }
                Map<String, com.microsoft.graph.models.Group> next = new LinkedHashMap<>();
                for (Future<GroupRead> read : reads) {
                    GroupRead result = await(read);
                    groups.add(result.group());
                    for (com.microsoft.graph.models.Group nested : result.nested()) {
                        if (!reached.contains(nested.getId())) {
                            next.putIfAbsent(nested.getId(), nested);
                        }
                    }
                }
                level = new ArrayList<>(next.values());
            }
            for (Future<?> read : holders) {
                await(read);
            }
            if (activity != null) {
                withActivity(users, await(activity));
            }
            return SnapshotScope.canonical(skus.tenantId(), skus.skus(), users.values(), groups);
        } finally {
            pool.close();
        }
    }

    /** Each user's creation time and sign-in activity; a user the listing did not return stays without (never judged inactive). */
    private static void withActivity(Map<String, User> users, Map<UserId, SignInActivityReader.Activity> activity) {
        users.replaceAll((id, user) -> {
            SignInActivityReader.Activity found = activity.get(user.id());
            return found == null ? user : user.withActivity(found.createdDateTime(), found.signInActivity());
        });
    }

    /**
     * A bounded pool of page-chain reads that fails fast: after the first failure, reads not yet
     * started do nothing, and waiting on any read throws that failure.
     */
    private static final class ParallelReads implements AutoCloseable {
        private final ExecutorService executor;
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

        ParallelReads(int parallelism) {
            executor = Executors.newFixedThreadPool(parallelism, runnable -> {
                Thread thread = new Thread(runnable, "graph-reader");
                thread.setDaemon(true);
                return thread;
            });
        }

        <T> Future<T> submit(Callable<T> read) {
            return executor.submit(() -> {
                RuntimeException earlier = failure.get();
                if (earlier != null) {
                    throw earlier;
                }
                try {
                    return read.call();
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                    throw e;
                }
            });
        }

        @Override
        public void close() {
            executor.shutdownNow();
        }
    }

    /** A group with its direct members, and the groups nested in it (as Graph returned them). */
    private record GroupRead(Group group, List<com.microsoft.graph.models.Group> nested) {}

    private GroupRead readGroup(com.microsoft.graph.models.Group group, Map<String, User> users) {
        List<UserId> memberUsers = new ArrayList<>();
        String usersOf = "members of group " + group.getId();
        readPages(usersOf, call(() -> client.groups().byGroupId(group.getId()).members().graphUser().get(request -> {
            request.headers.add("ConsistencyLevel", "eventual");
            request.queryParameters.count = true;
            request.queryParameters.select = USER_FIELDS;
            request.queryParameters.top = PAGE_SIZE;
        }), usersOf), UserCollectionResponse::createFromDiscriminatorValue, true,
                (com.microsoft.graph.models.User user) -> {
                    User mapped = user(user);
                    memberUsers.add(mapped.id());
                    addUser(users, mapped);
                });
        List<GroupId> memberGroups = new ArrayList<>();
        List<com.microsoft.graph.models.Group> nested = new ArrayList<>();
        if (isMicrosoft365(group)) {
            // Microsoft 365 groups cannot contain groups, and Graph answers the group cast on one
            // with 400 Request_UnsupportedQuery (graph-facts §4): there is nothing to read.
            return new GroupRead(group(group, memberUsers, memberGroups), nested);
        }
        String groupsOf = "groups in group " + group.getId();
        readPages(groupsOf, call(() -> client.groups().byGroupId(group.getId()).members().graphGroup().get(request -> {
            request.headers.add("ConsistencyLevel", "eventual");
            request.queryParameters.count = true;
            request.queryParameters.select = GROUP_FIELDS;
            request.queryParameters.top = PAGE_SIZE;
        }), groupsOf), GroupCollectionResponse::createFromDiscriminatorValue, true,
                (com.microsoft.graph.models.Group member) -> {
                    memberGroups.add(new GroupId(member.getId()));
                    nested.add(member);
                });
        return new GroupRead(group(group, memberUsers, memberGroups), nested);
    }

    private Void readHolders(SkuId sku, Map<String, User> users) {
        String what = "holders of SKU " + sku;
        readPages(what, call(() -> client.users().get(request -> {
            // Graph serves this filter without advanced-query headers; they are sent for @odata.count.
            request.headers.add("ConsistencyLevel", "eventual");
            request.queryParameters.count = true;
            request.queryParameters.filter = "assignedLicenses/any(x:x/skuId eq " + sku + ")";
            request.queryParameters.select = USER_FIELDS;
            request.queryParameters.top = PAGE_SIZE;
        }), what), UserCollectionResponse::createFromDiscriminatorValue, true,
                (com.microsoft.graph.models.User user) -> addUser(users, user(user)));
        return null;
    }

    static boolean isMicrosoft365(com.microsoft.graph.models.Group group) {
        return group.getGroupTypes() != null && group.getGroupTypes().stream().anyMatch("Unified"::equalsIgnoreCase);
    }

    /** The result of a parallel read; its failure, as the reader's own exception. */
    private static <T> T await(Future<T> read) {
        try {
            return read.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DirectoryReadException("reading the tenant was interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DirectoryReadException failure) {
                throw failure;
            }
            if (e.getCause() instanceof RuntimeException failure) {
                throw GraphErrors.readFailure("the tenant", failure);
            }
            throw new IllegalStateException("unexpected failure of a read", e.getCause());
        }
    }

    private TenantSnapshot readEverything(ReadScope scope) {
        Skus skus = readSubscribedSkus();
        Map<String, User> users = new LinkedHashMap<>();
        readPages("users", call(() -> client.users().get(request -> {
            request.headers.add("ConsistencyLevel", "eventual");
            request.queryParameters.count = true;
            request.queryParameters.select = USER_FIELDS;
            request.queryParameters.top = PAGE_SIZE;
        }), "users"), UserCollectionResponse::createFromDiscriminatorValue, true,
                (com.microsoft.graph.models.User user) -> addUser(users, user(user)));
        if (scope.signInActivity()) {
            withActivity(users, new SignInActivityReader(client, progress).read());
        }
        List<com.microsoft.graph.models.Group> all = new ArrayList<>();
        readPages("groups", call(() -> client.groups().get(request -> {
            request.headers.add("ConsistencyLevel", "eventual");
            request.queryParameters.count = true;
            request.queryParameters.select = GROUP_FIELDS;
            request.queryParameters.top = PAGE_SIZE;
        }), "groups"), GroupCollectionResponse::createFromDiscriminatorValue, true,
                (com.microsoft.graph.models.Group group) -> all.add(group));
        Set<String> groupIds = new HashSet<>();
        all.forEach(group -> groupIds.add(group.getId()));
        List<Group> groups = new ArrayList<>();
        try (ParallelReads pool = new ParallelReads(parallelism)) {
            List<Future<Group>> reads = new ArrayList<>();
            for (com.microsoft.graph.models.Group group : all) {
                reads.add(pool.submit(() -> readDirectMembers(group, users.keySet(), groupIds)));
            }
            for (Future<Group> read : reads) {
                groups.add(await(read));
            }
        }
        return SnapshotScope.canonical(skus.tenantId(), skus.skus(), users.values(), groups);
    }

    /**
     * A group's direct members as ids. Members the whole-tenant lists did not return (created or
     * deleted in between: the directory is read over time) are left out, so that the snapshot
     * replays as a consistent tenant file.
     */
    private Group readDirectMembers(com.microsoft.graph.models.Group group, Set<String> userIds, Set<String> groupIds) {
        List<UserId> memberUsers = new ArrayList<>();
        List<GroupId> memberGroups = new ArrayList<>();
        String what = "members of group " + group.getId();
        readPages(what, call(() -> client.groups().byGroupId(group.getId()).members().get(request -> {
            request.headers.add("ConsistencyLevel", "eventual");
            request.queryParameters.count = true;
            request.queryParameters.select = new String[] {"id"};
            request.queryParameters.top = PAGE_SIZE;
        }), what), DirectoryObjectCollectionResponse::createFromDiscriminatorValue, true, (DirectoryObject member) -> {
            if (member instanceof com.microsoft.graph.models.User && userIds.contains(member.getId())) {
                memberUsers.add(new UserId(member.getId()));
            } else if (member instanceof com.microsoft.graph.models.Group && groupIds.contains(member.getId())) {
                memberGroups.add(new GroupId(member.getId()));
            }
            // Devices, contacts and service principals hold no user licenses.
        });
        return group(group, memberUsers, memberGroups);
    }

    private void addUser(Map<String, User> users, User user) {
        if (users.putIfAbsent(user.id().value(), user) == null) {
            progress.usersRead(usersRead.incrementAndGet());
        }
    }

    private record Skus(TenantId tenantId, List<SubscribedSku> skus) {}

    private Skus readSubscribedSkus() {
        SubscribedSkuCollectionResponse response = call(() -> client.subscribedSkus().get(request ->
                request.queryParameters.select = SKU_FIELDS), "subscribedSkus");
        List<com.microsoft.graph.models.SubscribedSku> read = new ArrayList<>();
        readPages("subscribedSkus", response, SubscribedSkuCollectionResponse::createFromDiscriminatorValue, false,
                (com.microsoft.graph.models.SubscribedSku sku) -> read.add(sku));
        List<SubscribedSku> skus = new ArrayList<>();
        Optional<TenantId> tenant = Optional.empty();
        for (com.microsoft.graph.models.SubscribedSku sku : read) {
            skus.add(subscribedSku(sku));
            if (tenant.isEmpty()) {
                tenant = tenantOf(sku.getId());
            }
        }
        return new Skus(tenant.orElseGet(this::readTenantId), skus);
    }

    /** Graph's subscribedSku ids are {@code {tenantId}_{skuId}}. */
    static Optional<TenantId> tenantOf(String subscribedSkuId) {
        if (subscribedSkuId == null) {
            return Optional.empty();
        }
        int underscore = subscribedSkuId.indexOf('_');
        String prefix = underscore < 0 ? "" : subscribedSkuId.substring(0, underscore);
        return Guids.isGuid(prefix) ? Optional.of(new TenantId(prefix)) : Optional.empty();
    }

    /**
     * Before the run's lease is taken and the tenant read: from the subscriptions' ids
     * ({@code GET /subscribedSkus}, which every plan needs the permission for), and only for a tenant
     * without any from {@code GET /organization} (least privilege: {@code Organization.Read.All} stays optional).
     */
    @Override
    public TenantId tenantId() {
        return readSubscribedSkus().tenantId();
    }

    private TenantId readTenantId() {
        OrganizationCollectionResponse response = call(() -> client.organization().get(request ->
                request.queryParameters.select = new String[] {"id"}), "organization");
        List<Organization> organizations = response.getValue() == null ? List.of() : response.getValue();
        if (organizations.isEmpty() || organizations.get(0).getId() == null) {
            throw new DirectoryReadException("Graph at " + client.getRequestAdapter().getBaseUrl()
                    + " returned no organization: cannot tell which tenant this is");
        }
        return new TenantId(organizations.get(0).getId());
    }

    private List<com.microsoft.graph.models.Group> lookUpGroups(Set<String> references) {
        List<String> all = new ArrayList<>(references);
        List<com.microsoft.graph.models.Group> result = new ArrayList<>();
        for (int start = 0; start < all.size(); start += FILTER_VALUES) {
            List<String> chunk = all.subList(start, Math.min(all.size(), start + FILTER_VALUES));
            String filter = groupFilter(chunk);
            readPages("groups named " + chunk, call(() -> client.groups().get(request -> {
                request.headers.add("ConsistencyLevel", "eventual");
                request.queryParameters.count = true;
                request.queryParameters.filter = filter;
                request.queryParameters.select = GROUP_FIELDS;
                request.queryParameters.top = PAGE_SIZE;
            }), "groups named " + chunk), GroupCollectionResponse::createFromDiscriminatorValue, true,
                    (com.microsoft.graph.models.Group group) -> result.add(group));
        }
        // Graph compares display names ignoring case, as SnapshotScope.names does; keep exactly what it names.
        result.removeIf(group -> namedByNone(references, group));
        return result;
    }

    private static boolean namedByNone(Set<String> references, com.microsoft.graph.models.Group group) {
        for (String reference : references) {
            if (SnapshotScope.names(reference, new GroupId(group.getId()), group.getDisplayName() == null ? "" : group.getDisplayName())) {
                return false;
            }
        }
        return true;
    }

    /** {@code displayName in ('A','B') or id in ('guid')}: ids only for references that look like one. */
    static String groupFilter(List<String> references) {
        String names = references.stream().map(SdkModelDirectoryReader::literal).collect(Collectors.joining(","));
        String ids = references.stream().filter(Guids::isGuid).map(SdkModelDirectoryReader::literal).collect(Collectors.joining(","));
        return "displayName in (" + names + ")" + (ids.isEmpty() ? "" : " or id in (" + ids + ")");
    }

    /** An OData string literal: quotes doubled. */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /**
     * Reads every page of a collection, starting from its first page, with the SDK's page iterator.
     * {@code advanced} re-sends {@code ConsistencyLevel: eventual} on every follow-up page. A chain
     * that returns fewer items than the first page's {@code @odata.count} ended early (a page's
     * {@code @odata.nextLink} went missing) and is a failed read (rule 10): planning from it would
     * remove licenses from the users on the missing pages.
     */
    private <E extends Parsable, P extends Parsable & AdditionalDataHolder> void readPages(
            String what, P first, ParsableFactory<P> factory, boolean advanced, Consumer<E> sink) {
        progress.pageRead(what, 0);
        Set<String> seen = new HashSet<>();
        long[] items = {0};
        try {
            PageIterator<E, P> iterator = new PageIterator.Builder<E, P>()
                    .client(client)
                    .collectionPage(first)
                    .collectionPageFactory(factory)
                    .requestConfigurator(request -> nextPage(what, request, advanced, seen))
                    .processPageItemCallback(item -> {
                        items[0]++;
                        sink.accept(item);
                        return true;
                    })
                    .build();
            iterator.iterate();
            checkCount(what, first, items[0]);
        } catch (DirectoryReadException e) {
            throw e;
        } catch (ReflectiveOperationException e) {
            throw new DirectoryReadException("reading " + what + " from Graph failed: a page could not be read (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            throw GraphErrors.readFailure(what, e);
        }
    }

    /** Fewer items than Graph counts for the collection: a page is missing. */
    static void checkCount(String what, Object first, long read) {
        if (!(first instanceof BaseCollectionPaginationCountResponse counted) || counted.getOdataCount() == null) {
            return;
        }
        long expected = counted.getOdataCount();
        if (read < expected) {
            throw new DirectoryReadException("reading " + what + " from Graph failed: the page chain ended after " + read
                    + " of the " + expected + " items Graph counts (@odata.count); a page (or its @odata.nextLink) is"
                    + " missing, so nothing is planned from this read. Run again; if it persists, the tenant's"
                    + " directory index may be catching up with recent changes.");
        }
    }

    private RequestInformation nextPage(String what, RequestInformation request, boolean advanced, Set<String> seen) {
        String link = request.urlTemplate;
        if (!seen.add(link)) {
            throw new DirectoryReadException("reading " + what + " from Graph failed: broken page chain (@odata.nextLink repeats: " + link + ")");
        }
        if (advanced) {
            request.headers.add("ConsistencyLevel", "eventual");
        }
        progress.pageRead(what, 0);
        return request;
    }

    /** A first-page request; any SDK failure becomes a {@link DirectoryReadException}. */
    private static <T> T call(java.util.function.Supplier<T> request, String what) {
        T result;
        try {
            result = request.get();
        } catch (RuntimeException e) {
            throw GraphErrors.readFailure(what, e);
        }
        if (result == null) {
            throw new DirectoryReadException("reading " + what + " from Graph failed: empty response");
        }
        return result;
    }

    static User user(com.microsoft.graph.models.User user) {
        if (user.getId() == null || user.getUserPrincipalName() == null) {
            throw new DirectoryReadException("Graph returned a user without id or userPrincipalName (id " + user.getId() + ")");
        }
        List<LicenseAssignment> licenses = new ArrayList<>();
        List<LicenseAssignmentState> states = user.getLicenseAssignmentStates();
        List<AssignedLicense> assigned = user.getAssignedLicenses() == null ? List.of() : user.getAssignedLicenses();
        if (states != null && !(states.isEmpty() && !assigned.isEmpty())) {
            Set<SkuId> held = new HashSet<>();
            assigned.stream().filter(license -> license.getSkuId() != null).forEach(license -> held.add(new SkuId(license.getSkuId())));
            for (LicenseAssignmentState state : states) {
                if (state.getSkuId() != null) {
                    SkuId sku = new SkuId(state.getSkuId());
                    licenses.add(new LicenseAssignment(sku, planIds(state.getDisabledPlans()),
                            Optional.ofNullable(state.getAssignedByGroup()).filter(id -> !id.isBlank()).map(GroupId::new),
                            assignmentState(state.getState(), held.contains(sku)), AssignmentState.errorFromGraph(state.getError())));
                }
            }
        } else {
            for (AssignedLicense license : assigned) {
                if (license.getSkuId() != null) {
                    licenses.add(LicenseAssignment.direct(new SkuId(license.getSkuId()), planIds(license.getDisabledPlans())));
                }
            }
        }
        // Only an assigned state is a held license (DESIGN rule 10); the others are kept as the user's license errors.
        return User.withStates(new UserId(user.getId()), user.getUserPrincipalName(), user.getDisplayName(), user.getUserType(),
                user.getCreationType(), user.getExternalUserState(),
                // Absent means enabled, as in a tenant file: Graph creates accounts enabled.
                user.getAccountEnabled() == null || user.getAccountEnabled(),
                user.getUsageLocation(), user.getOnPremisesSyncEnabled(), licenses);
    }

    /**
     * Graph's documented states map one to one; a value Graph adds later is read by what
     * {@code assignedLicenses} says (it lists only licenses in effect), rather than guessed or refused.
     */
    static AssignmentState assignmentState(String state, boolean inAssignedLicenses) {
        try {
            return AssignmentState.fromGraph(state);
        } catch (IllegalArgumentException undocumented) {
            return inAssignedLicenses ? AssignmentState.ACTIVE_WITH_ERROR : AssignmentState.ERROR;
        }
    }

    static Group group(com.microsoft.graph.models.Group group, List<UserId> memberUsers, List<GroupId> memberGroups) {
        List<User.EffectiveLicense> licenses = new ArrayList<>();
        if (group.getAssignedLicenses() != null) {
            for (AssignedLicense license : group.getAssignedLicenses()) {
                if (license.getSkuId() != null) {
                    licenses.add(new User.EffectiveLicense(new SkuId(license.getSkuId()), planIds(license.getDisabledPlans())));
                }
            }
        }
        String name = group.getDisplayName() == null ? "" : group.getDisplayName();
        return new Group(new GroupId(group.getId()), name, memberUsers, memberGroups, licenses,
                group.getGroupTypes() == null ? List.of() : group.getGroupTypes(),
                Optional.ofNullable(group.getMembershipRule()).filter(rule -> !rule.isBlank()));
    }

    static SubscribedSku subscribedSku(com.microsoft.graph.models.SubscribedSku sku) {
        if (sku.getSkuId() == null || sku.getSkuPartNumber() == null) {
            throw new DirectoryReadException("Graph returned a subscribedSku without skuId or skuPartNumber (id " + sku.getId() + ")");
        }
        LicenseUnitsDetail units = sku.getPrepaidUnits();
        PrepaidUnits prepaid = units == null ? PrepaidUnits.enabled(0)
                : new PrepaidUnits(orZero(units.getEnabled()), orZero(units.getSuspended()), orZero(units.getWarning()), orZero(units.getLockedOut()));
        List<ServicePlan> plans = new ArrayList<>();
        if (sku.getServicePlans() != null) {
            for (ServicePlanInfo plan : sku.getServicePlans()) {
                if (plan.getServicePlanId() != null && plan.getServicePlanName() != null) {
                    plans.add(new ServicePlan(new ServicePlanId(plan.getServicePlanId()), plan.getServicePlanName(), plan.getAppliesTo()));
                }
            }
        }
        CapabilityStatus status;
        try {
            status = CapabilityStatus.fromGraph(sku.getCapabilityStatus());
        } catch (IllegalArgumentException e) {
            throw new DirectoryReadException("SKU " + sku.getSkuPartNumber() + ": " + e.getMessage());
        }
        return new SubscribedSku(new SkuId(sku.getSkuId()), sku.getSkuPartNumber(), status, prepaid,
                orZero(sku.getConsumedUnits()), plans, sku.getAppliesTo());
    }

    private static SortedSet<ServicePlanId> planIds(List<UUID> ids) {
        SortedSet<ServicePlanId> result = new TreeSet<>();
        if (ids != null) {
            for (UUID id : ids) {
                result.add(new ServicePlanId(id));
            }
        }
        return result;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
