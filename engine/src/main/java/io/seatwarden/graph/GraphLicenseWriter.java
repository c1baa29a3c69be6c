package io.seatwarden.graph;

import com.microsoft.graph.core.content.BatchRequestContent;
import com.microsoft.graph.core.content.BatchResponseContent;
import com.microsoft.graph.models.AssignedLicense;
import com.microsoft.graph.models.LicenseAssignmentState;
import com.microsoft.graph.models.User;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.assignlicense.AssignLicensePostRequestBody;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.RequestInformation;
import com.microsoft.kiota.serialization.JsonParseNodeFactory;
import io.seatwarden.directory.GroupId;
import io.seatwarden.directory.LicenseAssignment;
import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.UserId;
import io.seatwarden.plan.LicenseAdd;
import io.seatwarden.reconcile.GraphFailure;
import io.seatwarden.reconcile.GraphReadBackException;
import io.seatwarden.reconcile.LicenseWriter;
import io.seatwarden.reconcile.UserLicenses;
import io.seatwarden.reconcile.WriteListener;
import io.seatwarden.reconcile.WriteOperation;
import io.seatwarden.reconcile.WriteResult;
import io.seatwarden.reconcile.WriterStats;
import okhttp3.Response;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * Sends license writes to Graph: JSON {@code $batch} requests of at most 20, paced within the write
 * budget, each failed item retried as its failure allows without losing or repeating a change.
 *
 * <p>How each item's failure is handled:
 * <ul>
 * <li>429: every write pauses until its {@code Retry-After}, then the item goes again (the SDK does
 *     not retry items inside a batch, graph-sdk-notes Q4).</li>
 * <li>503: refused before anything happened; sent again after {@code Retry-After} or a back-off.</li>
 * <li>500/502/504 or no response: the write may have happened. The user is read back and compared
 *     with the intent, again for a bounded while if the read does not show it yet (replication lag);
 *     only a write that did not happen is sent again.</li>
 * <li>Business refusals (no seats, no usage location, unknown SKU, inherited license, not found):
 *     final, reported as such.</li>
 * </ul>
 *
 * <p>The client must be built without the SDK's RetryHandler ({@link GraphClientFactory#forWrites}): a retried
 * {@code $batch} after a gateway time-out would repeat up to 20 writes blindly.
 *
 * <p>Not thread-safe; one run at a time drives a writer.
 */
public final class GraphLicenseWriter implements LicenseWriter {
    public static final int MAX_BATCH = 20;
    private static final String[] READ_BACK_SELECT = {"id", "usageLocation", "assignedLicenses", "licenseAssignmentStates"};
    private static final int READ_BACK_ATTEMPTS = 5;
    /**
     * How long a read-back waits for a write to show before it decides the write did not land: reads lag
     * writes by an amount Graph does not document (graph-facts.md §2, "Replication"), so the engine reads
     * again after 2, 4, 8 and 16 s. Sending again after a wrong "not done" is safe (an add of a held SKU
     * changes nothing, a removal of a license already gone counts as done), only slower.
     */
    static final Duration READ_BACK_FIRST_WAIT = Duration.ofSeconds(2);
    static final Duration READ_BACK_BOUND = Duration.ofSeconds(30);

    private final GraphServiceClient client;
    private final WritePace pace;
    private final RetryPolicy retryPolicy;
    private final Clock clock;
    private final Sleeper sleeper;
    private long httpRequests;
    private long writesSent;
    private long throttled;
    private long readBacks;
    private Duration retryWait = Duration.ZERO;

    public GraphLicenseWriter(GraphServiceClient client, WritePace pace, RetryPolicy retryPolicy, Clock clock, Sleeper sleeper) {
        this.client = requireNonNull(client, "client is null");
        this.pace = requireNonNull(pace, "pace is null");
        this.retryPolicy = requireNonNull(retryPolicy, "retryPolicy is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
    }

    @Override
    public WriterStats stats() {
        return new WriterStats(httpRequests, writesSent, throttled, readBacks, pace.waited().plus(retryWait));
    }

    /**
     * Sends the operations (in order, batched) and returns one result per operation, in the same
     * order. Operations for the same user must not appear twice in one call.
     */
    @Override
    public List<WriteResult> write(List<WriteOperation> operations, WriteListener listener) throws InterruptedException {
        Map<WriteOperation, WriteResult> results = new LinkedHashMap<>();
        Deque<Pending> queue = new ArrayDeque<>();
        for (WriteOperation operation : operations) {
            queue.addLast(new Pending(operation, 0, Instant.MIN));
        }
        while (!queue.isEmpty()) {
            List<Pending> batch = takeReady(queue);
            if (batch.isEmpty()) {
                Instant earliest = queue.stream().map(Pending::notBefore).min(Instant::compareTo).orElseThrow();
                Duration wait = Duration.between(clock.instant(), earliest);
                listener.waiting(wait, "retrying after a failure");
                sleeper.sleep(wait);
                retryWait = retryWait.plus(wait.isNegative() ? Duration.ZERO : wait);
                continue;
            }
            Instant paceStart = clock.instant();
            boolean paused = pace.pausedUntil().isAfter(paceStart);
            Duration waited = pace.acquire(batch.size());
            if (!waited.isZero()) {
                listener.waiting(waited, paused ? "throttled (Retry-After)" : "write budget");
            }
            List<WriteOperation> sending = new ArrayList<>();
            for (Pending pending : batch) {
                sending.add(pending.operation());
            }
            listener.sending(sending);
            Map<Pending, GraphFailure> failures = send(batch);
            List<Pending> ambiguous = new ArrayList<>();
            for (Pending pending : batch) {
                GraphFailure failure = failures.get(pending);
                int attempt = pending.attempts() + 1;
                if (failure == null) {
                    settle(results, listener, new WriteResult(pending.operation(), Optional.empty(), attempt, false));
                } else if (failure instanceof GraphFailure.Transient transientFailure && transientFailure.mayHaveApplied()) {
                    ambiguous.add(new Pending(pending.operation(), attempt, Instant.MIN, failure));
                } else {
                    retryOrFail(queue, results, listener, new Pending(pending.operation(), attempt, Instant.MIN, failure), false);
                }
            }
            if (!ambiguous.isEmpty()) {
                settleByReadBack(ambiguous, queue, results, listener);
            }
        }
        List<WriteResult> ordered = new ArrayList<>();
        for (WriteOperation operation : operations) {
            ordered.add(results.get(operation));
        }
        return ordered;
    }

    /**
     * Reads users back (batched, retried on 429 and 5xx). A user that does not exist maps to empty.
     *
     * @throws GraphReadBackException when some user could not be read even after retrying
     */
    @Override
    public Map<UserId, Optional<UserLicenses>> readBack(Collection<UserId> users) throws InterruptedException {
        Map<UserId, Optional<UserLicenses>> found = new LinkedHashMap<>();
        List<UserId> remaining = new ArrayList<>(new TreeSet<>(users));
        for (int attempt = 1; !remaining.isEmpty(); attempt++) {
            List<UserId> failed = new ArrayList<>();
            Duration delay = Duration.ZERO;
            for (int start = 0; start < remaining.size(); start += MAX_BATCH) {
                List<UserId> chunk = remaining.subList(start, Math.min(remaining.size(), start + MAX_BATCH));
                Map<UserId, ItemResponse> responses = readChunk(chunk);
                for (UserId user : chunk) {
                    ItemResponse response = responses.get(user);
                    if (response.user() != null) {
                        found.put(user, Optional.of(toLicenses(user, response.user())));
                    } else if (response.failure() instanceof GraphFailure.NotFound) {
                        found.put(user, Optional.empty());
                    } else {
                        Optional<Duration> next = retryPolicy.nextDelay(attempt, asRetryable(response.failure()));
                        if (next.isEmpty() || attempt >= READ_BACK_ATTEMPTS) {
                            throw new GraphReadBackException("cannot read user " + user + " back: " + response.failure().describe());
                        }
                        failed.add(user);
                        delay = delay.compareTo(next.get()) < 0 ? next.get() : delay;
                    }
                }
            }
            if (!failed.isEmpty()) {
                sleeper.sleep(delay);
                retryWait = retryWait.plus(delay);
            }
            remaining = failed;
        }
        readBacks += users.size();
        return found;
    }

    @Override
    public Map<UserId, Optional<UserLicenses>> readBackUntil(Map<UserId, Predicate<UserLicenses>> settled) throws InterruptedException {
        Map<UserId, Optional<UserLicenses>> found = new LinkedHashMap<>(readBack(settled.keySet()));
        Duration wait = READ_BACK_FIRST_WAIT;
        Duration waited = Duration.ZERO;
        while (true) {
            List<UserId> unsettled = new ArrayList<>();
            for (Map.Entry<UserId, Predicate<UserLicenses>> user : settled.entrySet()) {
                Optional<UserLicenses> state = found.get(user.getKey());
                if (state != null && state.isPresent() && !user.getValue().test(state.get())) {
                    unsettled.add(user.getKey());
                }
            }
            if (unsettled.isEmpty() || waited.plus(wait).compareTo(READ_BACK_BOUND) > 0) {
                return found;
            }
            sleeper.sleep(wait);
            retryWait = retryWait.plus(wait);
            waited = waited.plus(wait);
            wait = wait.multipliedBy(2);
            found.putAll(readBack(unsettled));
        }
    }

    private static GraphFailure asRetryable(GraphFailure failure) {
        // A read has no side effect: whatever the status said, trying it again is safe.
        if (failure instanceof GraphFailure.Transient transientFailure) {
            return new GraphFailure.Transient(transientFailure.status(), transientFailure.retryAfter(), false, transientFailure.message());
        }
        return failure;
    }

    private void settleByReadBack(List<Pending> ambiguous, Deque<Pending> queue, Map<WriteOperation, WriteResult> results,
            WriteListener listener) throws InterruptedException {
        Map<UserId, Predicate<UserLicenses>> done = new LinkedHashMap<>();
        for (Pending pending : ambiguous) {
            done.put(pending.operation().user(), pending.operation()::isDoneIn);
        }
        Map<UserId, Optional<UserLicenses>> states;
        try {
            states = readBackUntil(done);
        } catch (GraphReadBackException e) {
            for (Pending pending : ambiguous) {
                // Unknown outcome: the journal keeps the entry open, the next run settles it.
                settle(results, listener, new WriteResult(pending.operation(), Optional.of(pending.lastFailure()), pending.attempts(), false));
            }
            return;
        }
        for (Pending pending : ambiguous) {
            Optional<UserLicenses> state = states.get(pending.operation().user());
            if (state.isEmpty()) {
                settle(results, listener, new WriteResult(pending.operation(),
                        Optional.of(new GraphFailure.NotFound("user " + pending.operation().user() + " no longer exists")), pending.attempts(), true));
            } else if (pending.operation().isDoneIn(state.get())) {
                settle(results, listener, new WriteResult(pending.operation(), Optional.empty(), pending.attempts(), true));
            } else {
                GraphFailure.Transient failure = (GraphFailure.Transient) pending.lastFailure();
                // Read back and not done: sending it again cannot repeat it.
                retryOrFail(queue, results, listener, new Pending(pending.operation(), pending.attempts(), Instant.MIN,
                        new GraphFailure.Transient(failure.status(), failure.retryAfter(), false, failure.message())), true);
            }
        }
    }

    private void retryOrFail(Deque<Pending> queue, Map<WriteOperation, WriteResult> results, WriteListener listener, Pending failed,
            boolean readBack) {
        GraphFailure failure = failed.lastFailure();
        Optional<Duration> delay = retryPolicy.nextDelay(failed.attempts(), failure);
        if (delay.isEmpty()) {
            settle(results, listener, new WriteResult(failed.operation(), Optional.of(failure), failed.attempts(), readBack));
            return;
        }
        Instant notBefore = clock.instant().plus(delay.get());
        if (failure instanceof GraphFailure.Throttled) {
            throttled++;
            pace.pauseUntil(notBefore);
        }
        queue.addLast(new Pending(failed.operation(), failed.attempts(), notBefore, failure));
    }

    private static void settle(Map<WriteOperation, WriteResult> results, WriteListener listener, WriteResult result) {
        results.put(result.operation(), result);
        listener.settled(result);
    }

    private List<Pending> takeReady(Deque<Pending> queue) {
        Instant now = clock.instant();
        List<Pending> batch = new ArrayList<>();
        Iterator<Pending> it = queue.iterator();
        while (it.hasNext() && batch.size() < MAX_BATCH && batch.size() < pace.capacity()) {
            Pending pending = it.next();
            if (!pending.notBefore().isAfter(now)) {
                batch.add(pending);
                it.remove();
            }
        }
        return batch;
    }

    /** Sends one batch; returns the failure of each item that failed (absent = succeeded). */
    private Map<Pending, GraphFailure> send(List<Pending> batch) {
        Map<Pending, GraphFailure> failures = new LinkedHashMap<>();
        Map<String, Pending> bySteps = new LinkedHashMap<>();
        BatchResponseContent response;
        try {
            BatchRequestContent content = new BatchRequestContent(client);
            for (Pending pending : batch) {
                bySteps.put(content.addBatchRequestStep(toRequest(pending.operation())), pending);
            }
            httpRequests++;
            writesSent += batch.size();
            response = client.getBatchRequestBuilder().post(content, null);
        } catch (IOException | RuntimeException e) {
            GraphFailure failure = GraphErrors.batchFailure(e, clock.instant());
            for (Pending pending : batch) {
                failures.put(pending, failure);
            }
            return failures;
        }
        Map<String, Integer> statuses = response.getResponsesStatusCode();
        for (Map.Entry<String, Pending> step : bySteps.entrySet()) {
            Integer status = statuses.get(step.getKey());
            if (status == null) {
                failures.put(step.getValue(), new GraphFailure.Transient(0, Optional.empty(), true, "no response for this item in the batch"));
            } else if (status < 200 || status >= 300) {
                failures.put(step.getValue(), GraphErrors.itemFailure(status, response.getResponseById(step.getKey()), clock.instant()));
            }
        }
        return failures;
    }

    private RequestInformation toRequest(WriteOperation operation) {
        if (operation instanceof WriteOperation.SetUsageLocation set) {
            User patch = new User();
            patch.setUsageLocation(set.usageLocation());
            return client.users().byUserId(set.user().value()).toPatchRequestInformation(patch);
        }
        WriteOperation.AssignLicenses assign = (WriteOperation.AssignLicenses) operation;
        List<AssignedLicense> adds = new ArrayList<>();
        for (LicenseAdd add : assign.addLicenses()) {
            AssignedLicense license = new AssignedLicense();
            license.setSkuId(add.skuId().value());
            List<UUID> disabled = new ArrayList<>();
            for (ServicePlanId plan : add.disabledPlans()) {
                disabled.add(plan.value());
            }
            license.setDisabledPlans(disabled);
            adds.add(license);
        }
        List<UUID> removes = new ArrayList<>();
        for (SkuId sku : assign.removeLicenses()) {
            removes.add(sku.value());
        }
        AssignLicensePostRequestBody body = new AssignLicensePostRequestBody();
        // Both arrays, always: the SDK omits unset properties and Graph requires removeLicenses.
        body.setAddLicenses(adds);
        body.setRemoveLicenses(removes);
        return client.users().byUserId(assign.user().value()).assignLicense().toPostRequestInformation(body);
    }

    private Map<UserId, ItemResponse> readChunk(List<UserId> users) {
        Map<UserId, ItemResponse> responses = new LinkedHashMap<>();
        Map<String, UserId> bySteps = new LinkedHashMap<>();
        BatchResponseContent response;
        try {
            BatchRequestContent content = new BatchRequestContent(client);
            for (UserId user : users) {
                RequestInformation request = client.users().byUserId(user.value())
                        .toGetRequestInformation(config -> config.queryParameters.select = READ_BACK_SELECT);
                bySteps.put(content.addBatchRequestStep(request), user);
            }
            httpRequests++;
            response = client.getBatchRequestBuilder().post(content, null);
        } catch (IOException | RuntimeException e) {
            GraphFailure failure = GraphErrors.batchFailure(e, clock.instant());
            for (UserId user : users) {
                responses.put(user, new ItemResponse(null, failure));
            }
            return responses;
        }
        Map<String, Integer> statuses = response.getResponsesStatusCode();
        for (Map.Entry<String, UserId> step : bySteps.entrySet()) {
            Integer status = statuses.get(step.getKey());
            if (status == null) {
                responses.put(step.getValue(), new ItemResponse(null, new GraphFailure.Transient(0, Optional.empty(), false, "no response")));
            } else if (status >= 200 && status < 300) {
                try {
                    User user = response.getResponseById(step.getKey(), User::createFromDiscriminatorValue);
                    responses.put(step.getValue(), user == null
                            ? new ItemResponse(null, new GraphFailure.Transient(status, Optional.empty(), false, "empty body"))
                            : new ItemResponse(user, null));
                } catch (RuntimeException e) {
                    responses.put(step.getValue(), new ItemResponse(null, new GraphFailure.Transient(status, Optional.empty(), false,
                            "unreadable user: " + e.getMessage())));
                }
            } else {
                responses.put(step.getValue(), new ItemResponse(null, GraphErrors.itemFailure(status, response.getResponseById(step.getKey()), clock.instant())));
            }
        }
        return responses;
    }

    private static UserLicenses toLicenses(UserId id, User user) {
        List<LicenseAssignment> licenses = new ArrayList<>();
        List<LicenseAssignmentState> states = user.getLicenseAssignmentStates();
        if (states != null && !states.isEmpty()) {
            for (LicenseAssignmentState state : states) {
                if (state.getSkuId() == null) {
                    continue;
                }
                Optional<GroupId> group = Optional.ofNullable(state.getAssignedByGroup()).filter(value -> !value.isBlank()).map(GroupId::of);
                licenses.add(new LicenseAssignment(new SkuId(state.getSkuId()), plans(state.getDisabledPlans()), group));
            }
        } else if (user.getAssignedLicenses() != null) {
            // No per-source states: treat what is assigned as direct (the best that can be known).
            for (AssignedLicense assigned : user.getAssignedLicenses()) {
                if (assigned.getSkuId() != null) {
                    licenses.add(LicenseAssignment.direct(new SkuId(assigned.getSkuId()), plans(assigned.getDisabledPlans())));
                }
            }
        }
        return new UserLicenses(id, user.getUsageLocation(), licenses);
    }

    private static TreeSet<ServicePlanId> plans(List<UUID> ids) {
        TreeSet<ServicePlanId> plans = new TreeSet<>();
        if (ids != null) {
            for (UUID id : ids) {
                plans.add(new ServicePlanId(id));
            }
        }
        return plans;
    }

    private record ItemResponse(User user, GraphFailure failure) {}

    /** An operation waiting to be sent (again). */
    private record Pending(WriteOperation operation, int attempts, Instant notBefore, GraphFailure lastFailure) {
        Pending(WriteOperation operation, int attempts, Instant notBefore) {
            this(operation, attempts, notBefore, null);
        }
    }
}
