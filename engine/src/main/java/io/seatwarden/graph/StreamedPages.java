package io.seatwarden.graph;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.kiota.HttpMethod;
import com.microsoft.kiota.RequestAdapter;
import com.microsoft.kiota.RequestInformation;
import com.microsoft.kiota.serialization.Parsable;
import com.microsoft.kiota.serialization.ParsableFactory;
import io.seatwarden.directory.DirectoryReadException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

import static java.util.Objects.requireNonNull;

/**
 * One collection's page chain read through the Graph SDK's request adapter (its OkHttp client with
 * the authentication, retry and redirect middleware) but parsed by the engine: each response comes
 * back as the raw body ({@code sendPrimitive(..., InputStream.class)}) and is read with Jackson's
 * streaming parser, item by item, without the SDK's whole-body JSON tree and models.
 *
 * <p>The next page is requested as soon as the current page's {@code @odata.nextLink} is parsed, on
 * the {@code prefetch} executor, while this thread goes on parsing the current page. The emulator
 * writes {@code @odata.nextLink} before {@code value}, as Graph did in Microsoft's sample of a
 * {@code /users} page (#30DaysMSGraph day 7; a sample, not a documented order), so the next request's
 * round trip overlaps the parsing of the whole current page; were the link written after
 * {@code value}, the request would start only once the page is parsed and nothing would overlap
 * (the fields are read in whatever order they come).
 *
 * <p>Failures map as with the SDK's own calls: the first page carries the generated builders' error
 * mapping ({@code XXX} to {@link ODataError}), later pages none, as the SDK's {@code PageIterator}
 * sends them, and either becomes a {@link DirectoryReadException} through {@link GraphErrors}.
 */
final class StreamedPages {
    /** Called at the START_OBJECT of each item of {@code value}; must read the item up to its END_OBJECT. */
    @FunctionalInterface
    interface Items {
        void item(JsonParser parser) throws IOException;
    }

    /** Whether to follow a nextLink, given the first page's {@code @odata.count} (-1 without one). */
    @FunctionalInterface
    interface Follow {
        boolean follow(long count);

        Follow ALWAYS = count -> true;
    }

    /** How a chain ended: items read, the first page's count (-1 without one), and whether {@link Follow} stopped it. */
    record Result(long items, long count, boolean stopped) {}

    private static final JsonFactory JSON = new JsonFactory();

    private final RequestAdapter adapter;
    private final Executor prefetch;
    private final ProgressListener progress;

    StreamedPages(RequestAdapter adapter, Executor prefetch, ProgressListener progress) {
        this.adapter = requireNonNull(adapter, "adapter is null");
        this.prefetch = requireNonNull(prefetch, "prefetch is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    /**
     * Reads every page from {@code first} on. {@code advanced} re-sends {@code ConsistencyLevel: eventual}
     * on every follow-up page (Graph does not carry headers over). A nextLink that repeats an earlier one
     * is a broken chain; so is, when the chain was not stopped, one that returns fewer items than the first
     * page's {@code @odata.count} (a page's nextLink went missing).
     */
    Result read(String what, RequestInformation first, boolean advanced, Follow follow, Items items) {
        progress.pageRead(what, 0);
        Set<String> seen = new HashSet<>();
        CompletableFuture<InputStream> pending = CompletableFuture.completedFuture(send(what, first, true));
        long read = 0;
        long count = -1;
        boolean stopped = false;
        boolean firstPage = true;
        try {
            while (pending != null) {
                InputStream body = await(what, pending);
                pending = null;
                try (InputStream in = body; JsonParser parser = JSON.createParser(in)) {
                    UserJson.expect(parser.nextToken(), JsonToken.START_OBJECT, "the page");
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String field = parser.currentName();
                        JsonToken value = parser.nextToken();
                        switch (field) {
                            case "@odata.count" -> {
                                if (firstPage && value.isNumeric()) {
                                    count = parser.getLongValue();
                                }
                            }
                            case "@odata.nextLink" -> {
                                String link = UserJson.text(parser);
                                if (link == null) {
                                    break;
                                }
                                if (!seen.add(link)) {
                                    throw new DirectoryReadException("reading " + what
                                            + " from Graph failed: broken page chain (@odata.nextLink repeats: " + link + ")");
                                }
                                if (follow.follow(count)) {
                                    RequestInformation next = nextPage(link, advanced);
                                    progress.pageRead(what, 0);
                                    pending = CompletableFuture.supplyAsync(() -> send(what, next, false), prefetch);
                                } else {
                                    stopped = true;
                                }
                            }
                            case "value" -> {
                                UserJson.expect(value, JsonToken.START_ARRAY, "value");
                                while (parser.nextToken() != JsonToken.END_ARRAY) {
                                    if (parser.currentToken() == JsonToken.VALUE_NULL) {
                                        continue;
                                    }
                                    read++;
                                    items.item(parser);
                                }
                            }
                            default -> parser.skipChildren();
                        }
                    }
                }
                firstPage = false;
            }
        } catch (IOException e) {
            throw new DirectoryReadException("reading " + what + " from Graph failed: a page could not be read (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            throw GraphErrors.readFailure(what, e);
        } finally {
            if (pending != null) {
                // A page failed while the next one was on its way: its connection is released when it arrives.
                pending.thenAccept(StreamedPages::closeQuietly);
            }
        }
        if (!stopped) {
            checkCount(what, count, read);
        }
        return new Result(read, count, stopped);
    }

    /** The error mapping of the SDK's generated request builders. */
    private static HashMap<String, ParsableFactory<? extends Parsable>> errors() {
        HashMap<String, ParsableFactory<? extends Parsable>> mapping = new HashMap<>();
        mapping.put("XXX", ODataError::createFromDiscriminatorValue);
        return mapping;
    }

    private InputStream send(String what, RequestInformation request, boolean first) {
        InputStream body;
        try {
            // PageIterator sends follow-up pages without an error mapping; so do these, so that failures read the same.
            body = adapter.sendPrimitive(request, first ? errors() : null, InputStream.class);
        } catch (RuntimeException e) {
            throw GraphErrors.readFailure(what, e);
        }
        if (body == null) {
            throw new DirectoryReadException("reading " + what + " from Graph failed: empty response");
        }
        return body;
    }

    /** As the SDK's PageIterator builds it: the link verbatim as the URL template, GET. */
    private static RequestInformation nextPage(String link, boolean advanced) {
        RequestInformation request = new RequestInformation();
        request.httpMethod = HttpMethod.GET;
        request.urlTemplate = link;
        if (advanced) {
            request.headers.add("ConsistencyLevel", "eventual");
        }
        return request;
    }

    private static InputStream await(String what, CompletableFuture<InputStream> pending) {
        try {
            return pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DirectoryReadException("reading the tenant was interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw GraphErrors.readFailure(what, failure);
            }
            throw new IllegalStateException("unexpected failure of a page read", e.getCause());
        }
    }

    /** Fewer items than Graph counts for the collection: a page is missing. */
    static void checkCount(String what, long expected, long read) {
        if (expected >= 0 && read < expected) {
            throw new DirectoryReadException("reading " + what + " from Graph failed: the page chain ended after " + read
                    + " of the " + expected + " items Graph counts (@odata.count); a page (or its @odata.nextLink) is"
                    + " missing, so nothing is planned from this read. Run again; if it persists, the tenant's"
                    + " directory index may be catching up with recent changes.");
        }
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException | UncheckedIOException e) {
            // the page is not read; nothing else to release
        }
    }
}
