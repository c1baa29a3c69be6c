package io.seatwarden.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * Every request the emulator answered, for tests to assert on: top-level HTTP requests (including
 * each {@code POST /$batch}) and, separately, every step of every batch ({@link Entry#batchItem()}).
 * Thread-safe; {@link #entries()} returns them in arrival order (by {@link Entry#sequence()}). It keeps
 * at most {@link EmulatorOptions#requestLogLimit()} entries (all, by default).
 *
 * <p>Endpoints are named {@code METHOD template}, e.g. {@code GET /users},
 * {@code GET /groups/{id}/transitiveMembers/microsoft.graph.user}, {@code POST /users/{id}/assignLicense},
 * {@code POST /$batch}; a path Graph does not have is named by its raw path.
 */
public final class RequestLog {
    /**
     * One answered request.
     *
     * @param sequence arrival number, from 1, shared by top-level requests and batch steps (a batch's
     *     steps follow the batch's own number)
     * @param path the decoded path below {@code /v1.0}
     * @param query the raw query string as sent (empty when none)
     * @param headers request headers (names case-insensitive; for a batch step, the step's own headers)
     * @param body the request body as text (empty when none)
     * @param batchItemId the step id when this was a batch step
     */
    public record Entry(long sequence, Instant time, String method, String path, String query,
                        Map<String, List<String>> headers, String body, int status, Map<String, String> responseHeaders,
                        String responseBody, Optional<String> batchItemId, String endpoint) {
        public Entry {
            requireNonNull(time, "time is null");
            requireNonNull(method, "method is null");
            requireNonNull(path, "path is null");
            TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            copy.putAll(headers);
            headers = java.util.Collections.unmodifiableMap(copy);
            TreeMap<String, String> response = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            response.putAll(responseHeaders);
            responseHeaders = java.util.Collections.unmodifiableMap(response);
            requireNonNull(batchItemId, "batchItemId is null");
            requireNonNull(endpoint, "endpoint is null");
        }

        public boolean batchItem() {
            return batchItemId.isPresent();
        }

        /** The first value of a request header, e.g. {@code header("ConsistencyLevel")}. */
        public Optional<String> header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        public Optional<String> responseHeader(String name) {
            return Optional.ofNullable(responseHeaders.get(name));
        }

        /** The request's URL below {@code /v1.0}, with its raw query. */
        public String target() {
            return query.isEmpty() ? path : path + "?" + query;
        }
    }

    private final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final List<Consumer<Entry>> listeners = new CopyOnWriteArrayList<>();
    private final int limit;

    /** A log that keeps at most {@code limit} entries, dropping the oldest. */
    RequestLog(int limit) {
        this.limit = limit;
    }

    void add(Entry entry) {
        entries.add(entry);
        if (size.incrementAndGet() > limit && entries.poll() != null) {
            size.decrementAndGet();
        }
        for (Consumer<Entry> listener : listeners) {
            listener.accept(entry);
        }
    }

    /** Called with every entry as it is logged (from the request's thread). */
    public void addListener(Consumer<Entry> listener) {
        listeners.add(requireNonNull(listener, "listener is null"));
    }

    /** All entries, in arrival order. */
    public List<Entry> entries() {
        List<Entry> result = new ArrayList<>(entries);
        result.sort(Comparator.comparingLong(Entry::sequence));
        return List.copyOf(result);
    }

    public List<Entry> entries(Predicate<Entry> filter) {
        List<Entry> result = new ArrayList<>();
        for (Entry entry : entries()) {
            if (filter.test(entry)) {
                result.add(entry);
            }
        }
        return List.copyOf(result);
    }

    /** Entries for one endpoint, e.g. {@code entries("GET /users")}. */
    public List<Entry> entries(String endpoint) {
        return entries(entry -> entry.endpoint().equals(endpoint));
    }

    /** Number of entries, batch steps included. */
    public int count() {
        return size.get();
    }

    public int count(String endpoint) {
        return entries(endpoint).size();
    }

    /** Top-level HTTP requests only (each batch counts once; its steps do not). */
    public int httpRequestCount() {
        return entries(entry -> !entry.batchItem()).size();
    }

    /** Entries per endpoint, batch steps included, sorted by endpoint. */
    public SortedMap<String, Integer> countsByEndpoint() {
        SortedMap<String, Integer> counts = new TreeMap<>();
        for (Entry entry : entries) {
            counts.merge(entry.endpoint(), 1, Integer::sum);
        }
        return counts;
    }

    public synchronized void clear() {
        while (entries.poll() != null) {
            size.decrementAndGet();
        }
    }
}
