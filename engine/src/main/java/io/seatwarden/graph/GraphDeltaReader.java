package io.seatwarden.graph;

import com.microsoft.graph.core.content.BatchRequestContent;
import com.microsoft.graph.core.content.BatchResponseContent;
import com.microsoft.graph.models.AssignedLicense;
import com.microsoft.graph.models.UserCollectionResponse;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.RequestInformation;
import com.microsoft.kiota.serialization.UntypedArray;
import com.microsoft.kiota.serialization.UntypedNode;
import com.microsoft.kiota.serialization.UntypedObject;
import com.microsoft.kiota.serialization.UntypedString;
import io.seatwarden.directory.DeltaMerge;
import io.seatwarden.directory.DirectoryReadException;
import io.seatwarden.directory.GroupId;
import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.User;
import io.seatwarden.directory.UserId;
import io.seatwarden.reconcile.GraphFailure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Graph's delta queries for an incremental read (graph-facts §6): {@link #latest()} starts tracking from
 * now ({@code $deltatoken=latest}, one request per collection), {@link #changes} follows saved delta links to
 * the end of a round, and {@link #users} reads users again in full by id.
 *
 * <ul>
 *   <li>{@code GET /users/delta?$select=}{@value #USER_DELTA_SELECT}: what the planner uses and delta tracks
 *       ({@code licenseAssignmentStates} is left out: Graph does not track it, user-delta).</li>
 *   <li>{@code GET /groups/delta?$select=id,displayName,assignedLicenses,members}: membership changes as
 *       {@code members@delta}, whole tenant (one chain; changes outside the scope are ignored by
 *       {@link DeltaMerge}).</li>
 *   <li>Users read again: {@code GET /users?$filter=id in (...)&$select=<the full reader's fields>}, 15 ids a filter,
 *       20 filters a {@code POST /$batch}.</li>
 * </ul>
 * An expired link (400 {@code syncStateNotFound}), 410 Gone, or a link to another endpoint is
 * {@link Expired}: the caller reads in full. Any other failure is a {@link DirectoryReadException} (rule 4).
 */
final class GraphDeltaReader {
    static final String USER_DELTA_SELECT = "id,userPrincipalName,displayName,userType,creationType,externalUserState,"
            + "accountEnabled,usageLocation,onPremisesSyncEnabled,assignedLicenses";
    static final String GROUP_DELTA_SELECT = "id,displayName,assignedLicenses,members";

    /** Graph's most steps in one {@code $batch} (graph-facts §5). */
    static final int BATCH_STEPS = 20;

    private final GraphServiceClient client;
    private final RetryPolicy retryPolicy;
    private final Sleeper sleeper;
    private final InstantSource clock;

    GraphDeltaReader(GraphServiceClient client) {
        this(client, RetryPolicy.defaults(), Sleeper.system(), InstantSource.system());
    }

    GraphDeltaReader(GraphServiceClient client, RetryPolicy retryPolicy, Sleeper sleeper, InstantSource clock) {
        this.client = requireNonNull(client, "client is null");
        this.retryPolicy = requireNonNull(retryPolicy, "retryPolicy is null");
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Saved delta links, one per collection. */
    record Links(String users, String groups) {
        Links {
            requireNonNull(users, "users is null");
            requireNonNull(groups, "groups is null");
        }
    }

    /** A round's changes, the links of the next round, and how many requests it took. */
    record Round(DeltaMerge.Changes changes, Links next, int requests) {}

    /**
     * A delta link that cannot be followed: the caller reads in full. {@code doubtful} when Graph refused it
     * (expired, or a resync asked for), not when it is simply another endpoint's.
     */
    static final class Expired extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean doubtful;

        Expired(String message) {
            this(message, true);
        }

        Expired(String message, boolean doubtful) {
            super(message);
            this.doubtful = doubtful;
        }

        boolean doubtful() {
            return doubtful;
        }
    }

    /** Links that track changes from now on. */
    Links latest() {
        String base = client.getRequestAdapter().getBaseUrl();
        String users = call("users delta link", () -> client.users().delta()
                .withUrl(base + "/users/delta?$select=" + USER_DELTA_SELECT + "&$deltatoken=latest").get().getOdataDeltaLink());
        String groups = call("groups delta link", () -> client.groups().delta()
                .withUrl(base + "/groups/delta?$select=" + GROUP_DELTA_SELECT + "&$deltatoken=latest").get().getOdataDeltaLink());
        if (users == null || groups == null) {
            throw new DirectoryReadException("Graph answered $deltatoken=latest without an @odata.deltaLink");
        }
        return new Links(users, groups);
    }

    /** Follows both links to the end of their rounds. */
    Round changes(Links links) {
        checkEndpoint(links.users());
        checkEndpoint(links.groups());
        int[] requests = {0};
        List<DeltaMerge.UserDelta> users = new ArrayList<>();
        String nextUsers = follow("users delta", links.users(), requests, link -> {
            var page = client.users().delta().withUrl(link).get();
            for (com.microsoft.graph.models.User user : page.getValue() == null ? List.<com.microsoft.graph.models.User>of() : page.getValue()) {
                users.add(userDelta(user));
            }
            return new Page(page.getOdataNextLink(), page.getOdataDeltaLink());
        });
        List<DeltaMerge.GroupDelta> groups = new ArrayList<>();
        String nextGroups = follow("groups delta", links.groups(), requests, link -> {
            var page = client.groups().delta().withUrl(link).get();
            for (com.microsoft.graph.models.Group group : page.getValue() == null ? List.<com.microsoft.graph.models.Group>of() : page.getValue()) {
                groups.add(groupDelta(group));
            }
            return new Page(page.getOdataNextLink(), page.getOdataDeltaLink());
        });
        return new Round(new DeltaMerge.Changes(users, groups), new Links(nextUsers, nextGroups), requests[0]);
    }

    /**
     * The full records of these users (those Graph still has): {@value GraphDirectoryReader#FILTER_VALUES} ids a
     * filter, {@value #BATCH_STEPS} filters a {@code $batch} request, so a night's thousand changed users cost a few
     * requests, not a request per fifteen. Graph throttles each step on its own and the SDK does not retry steps
     * (graph-sdk-notes Q4): throttled and failed steps are sent again after their {@code Retry-After}.
     */
    Map<UserId, User> users(Set<UserId> ids, int[] requests) {
        List<UserId> all = new ArrayList<>(new TreeSet<>(ids));
        List<List<UserId>> pending = new ArrayList<>();
        for (int start = 0; start < all.size(); start += GraphDirectoryReader.FILTER_VALUES) {
            pending.add(all.subList(start, Math.min(all.size(), start + GraphDirectoryReader.FILTER_VALUES)));
        }
        Map<UserId, User> result = new LinkedHashMap<>();
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<List<UserId>> failed = new ArrayList<>();
            Duration delay = Duration.ZERO;
            for (int start = 0; start < pending.size(); start += BATCH_STEPS) {
                List<List<UserId>> steps = pending.subList(start, Math.min(pending.size(), start + BATCH_STEPS));
                requests[0]++;
                for (StepResult step : sendBatch(steps)) {
                    if (step.failure() == null) {
                        step.users().forEach(user -> result.put(user.id(), user));
                        continue;
                    }
                    Optional<Duration> next = retryPolicy.nextDelay(attempt, step.failure());
                    if (next.isEmpty()) {
                        throw new DirectoryReadException("reading users changed since the last run from Graph failed: "
                                + step.failure().describe());
                    }
                    failed.add(step.ids());
                    delay = delay.compareTo(next.get()) < 0 ? next.get() : delay;
                }
            }
            if (!failed.isEmpty()) {
                pause(delay);
            }
            pending = failed;
        }
        return result;
    }

    /** What one step of a batch gave: its users, or why it failed. */
    private record StepResult(List<UserId> ids, List<User> users, GraphFailure failure) {}

    private List<StepResult> sendBatch(List<List<UserId>> steps) {
        Map<String, List<UserId>> bySteps = new LinkedHashMap<>();
        BatchResponseContent response = call("users changed since the last run", () -> {
            BatchRequestContent content = new BatchRequestContent(client);
            for (List<UserId> ids : steps) {
                String filter = "id in (" + ids.stream().map(id -> GraphDirectoryReader.literal(id.value())).collect(Collectors.joining(",")) + ")";
                RequestInformation request = client.users().toGetRequestInformation(config -> {
                    config.queryParameters.filter = filter;
                    config.queryParameters.select = GraphDirectoryReader.USER_FIELDS;
                    config.queryParameters.top = GraphDirectoryReader.PAGE_SIZE;
                });
                bySteps.put(content.addBatchRequestStep(request), ids);
            }
            try {
                return client.getBatchRequestBuilder().post(content, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Map<String, Integer> statuses = response.getResponsesStatusCode();
        List<StepResult> results = new ArrayList<>();
        for (Map.Entry<String, List<UserId>> step : bySteps.entrySet()) {
            Integer status = statuses.get(step.getKey());
            if (status == null) {
                results.add(new StepResult(step.getValue(), List.of(),
                        new GraphFailure.Transient(0, Optional.empty(), false, "no response for this step of the batch")));
            } else if (status < 200 || status >= 300) {
                results.add(new StepResult(step.getValue(), List.of(),
                        GraphErrors.itemFailure(status, response.getResponseById(step.getKey()), clock.instant())));
            } else {
                results.add(new StepResult(step.getValue(), page(step.getValue(), call("users changed since the last run",
                        () -> response.getResponseById(step.getKey(), UserCollectionResponse::createFromDiscriminatorValue))), null));
            }
        }
        return results;
    }

    private static List<User> page(List<UserId> ids, UserCollectionResponse page) {
        if (page == null) {
            throw new DirectoryReadException("Graph answered a step of a batch with an empty body");
        }
        if (page.getOdataNextLink() != null) {
            throw new DirectoryReadException("Graph paged a filter of " + ids.size() + " user ids; expected one page");
        }
        List<User> users = new ArrayList<>();
        for (com.microsoft.graph.models.User user : page.getValue() == null ? List.<com.microsoft.graph.models.User>of() : page.getValue()) {
            users.add(GraphDirectoryReader.user(user));
        }
        return users;
    }

    private void pause(Duration delay) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DirectoryReadException("interrupted while waiting to read users again from Graph");
        }
    }

    private record Page(String nextLink, String deltaLink) {}

    private interface PageReader {
        Page read(String link);
    }

    /** Reads a round's pages; the new delta link. A page with neither link is a broken chain (rule 4). */
    private String follow(String what, String first, int[] requests, PageReader reader) {
        Set<String> seen = new HashSet<>();
        String link = first;
        while (true) {
            if (!seen.add(link)) {
                throw new DirectoryReadException("reading the " + what + " from Graph failed: broken page chain (@odata.nextLink repeats)");
            }
            String current = link;
            Page page = call(what, () -> reader.read(current));
            requests[0]++;
            if (page.nextLink() != null) {
                link = page.nextLink();
            } else if (page.deltaLink() != null) {
                return page.deltaLink();
            } else {
                throw new DirectoryReadException("reading the " + what + " from Graph failed: a page had neither @odata.nextLink nor"
                        + " @odata.deltaLink, so the round is incomplete");
            }
        }
    }

    /** A link issued by another endpoint (e.g. an emulator on another port) cannot be followed here. */
    private void checkEndpoint(String link) {
        URI base = URI.create(client.getRequestAdapter().getBaseUrl());
        URI target;
        try {
            target = URI.create(link);
        } catch (IllegalArgumentException e) {
            throw new Expired("the stored delta link is not a URL", true);
        }
        if (!base.getScheme().equalsIgnoreCase(String.valueOf(target.getScheme())) || !base.getHost().equalsIgnoreCase(String.valueOf(target.getHost()))
                || base.getPort() != target.getPort() || target.getPath() == null || !target.getPath().startsWith(base.getPath())) {
            throw new Expired("the stored delta links were issued by another endpoint than " + base, false);
        }
    }

    private static <T> T call(String what, java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (ODataError error) {
            String code = error.getError() == null ? null : error.getError().getCode();
            if (error.getResponseStatusCode() == 410 || "syncStateNotFound".equalsIgnoreCase(code) || "resyncRequired".equalsIgnoreCase(code)) {
                throw new Expired("Graph no longer honours the stored delta link (HTTP " + error.getResponseStatusCode()
                        + (code == null ? "" : " " + code) + ")");
            }
            throw GraphErrors.readFailure(what, error);
        } catch (ApiException error) {
            if (error.getResponseStatusCode() == 410) {
                throw new Expired("Graph no longer honours the stored delta link (HTTP 410)");
            }
            throw GraphErrors.readFailure(what, error);
        } catch (DirectoryReadException | Expired e) {
            throw e;
        } catch (RuntimeException e) {
            throw GraphErrors.readFailure(what, e);
        }
    }

    static DeltaMerge.UserDelta userDelta(com.microsoft.graph.models.User user) {
        if (user.getId() == null) {
            throw new DirectoryReadException("Graph's users delta returned a user without id");
        }
        Set<SkuId> skus = new HashSet<>();
        if (user.getAssignedLicenses() != null) {
            for (AssignedLicense license : user.getAssignedLicenses()) {
                if (license.getSkuId() != null) {
                    skus.add(new SkuId(license.getSkuId()));
                }
            }
        }
        boolean removed = user.getAdditionalData().containsKey("@removed");
        // Graph returns every selected property of a changed user (we never ask for return=minimal)
        Optional<User> reported = removed || user.getUserPrincipalName() == null ? Optional.empty()
                : Optional.of(GraphDirectoryReader.user(user));
        return new DeltaMerge.UserDelta(new UserId(user.getId()), removed, skus, reported);
    }

    static DeltaMerge.GroupDelta groupDelta(com.microsoft.graph.models.Group group) {
        if (group.getId() == null) {
            throw new DirectoryReadException("Graph's groups delta returned a group without id");
        }
        Optional<List<User.EffectiveLicense>> licenses = Optional.empty();
        if (group.getAssignedLicenses() != null) {
            List<User.EffectiveLicense> list = new ArrayList<>();
            for (AssignedLicense license : group.getAssignedLicenses()) {
                if (license.getSkuId() != null) {
                    list.add(new User.EffectiveLicense(new SkuId(license.getSkuId()), plans(license.getDisabledPlans())));
                }
            }
            licenses = Optional.of(list);
        }
        List<DeltaMerge.MemberDelta> members = new ArrayList<>();
        Object raw = group.getAdditionalData().get("members@delta");
        if (raw instanceof UntypedArray array) {
            for (UntypedNode node : array.getValue()) {
                if (!(node instanceof UntypedObject object)) {
                    continue;
                }
                Map<String, UntypedNode> fields = object.getValue();
                String id = text(fields.get("id"));
                String type = text(fields.get("@odata.type"));
                if (id == null) {
                    throw new DirectoryReadException("Graph's groups delta returned a member without id in group " + group.getId());
                }
                boolean user = type == null || type.equalsIgnoreCase("#microsoft.graph.user");
                boolean group1 = type != null && type.equalsIgnoreCase("#microsoft.graph.group");
                if (user || group1) { // devices, contacts and service principals hold no user licenses
                    members.add(new DeltaMerge.MemberDelta(id, user, fields.containsKey("@removed")));
                }
            }
        }
        return new DeltaMerge.GroupDelta(new GroupId(group.getId()), group.getAdditionalData().containsKey("@removed"),
                Optional.ofNullable(group.getDisplayName()), licenses, members);
    }

    private static String text(UntypedNode node) {
        return node instanceof UntypedString string ? string.getValue() : null;
    }

    private static SortedSet<ServicePlanId> plans(List<UUID> ids) {
        SortedSet<ServicePlanId> result = new TreeSet<>();
        if (ids != null) {
            ids.forEach(id -> result.add(new ServicePlanId(id)));
        }
        return result;
    }
}
