package io.seatwarden.graph;

import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.serialization.JsonParseNodeFactory;
import io.seatwarden.directory.DirectoryReadException;
import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SkuId;
import io.seatwarden.reconcile.GraphFailure;
import okhttp3.Response;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one error table of the Graph room: what the Graph SDK throws or answers becomes the engine's
 * own terms, a {@link DirectoryReadException} for reads and a {@link GraphFailure} for writes, so
 * that no SDK type escapes {@code io.seatwarden.graph}. Messages name the HTTP status and Graph's
 * error code; they never carry headers, so never a token.
 */
final class GraphErrors {
    private GraphErrors() {}

    static DirectoryReadException readFailure(String what, RuntimeException failure) {
        if (failure instanceof DirectoryReadException read) {
            return read;
        }
        return new DirectoryReadException("reading " + what + " from Graph failed" + describe(failure)
                + "; nothing was planned from a partial read");
    }

    static String describe(RuntimeException failure) {
        if (failure instanceof ODataError error) {
            String code = error.getError() == null ? null : error.getError().getCode();
            String message = error.getError() == null ? error.getMessage() : error.getError().getMessage();
            return ": HTTP " + error.getResponseStatusCode() + (code == null ? "" : " " + code)
                    + (message == null ? "" : ": " + message) + retryHint(error.getResponseStatusCode());
        }
        if (failure instanceof ApiException api) {
            return ": HTTP " + api.getResponseStatusCode() + retryHint(api.getResponseStatusCode())
                    + (api.getMessage() == null ? "" : " (" + api.getMessage() + ")");
        }
        // Kiota wraps transport failures (time-outs, refused connections) and unparsable bodies in plain RuntimeExceptions.
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return ": " + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static String retryHint(int status) {
        return status == 429 || status == 503 || status == 504 ? " (still failing after retries)" : "";
    }

    /**
     * Graph's answer to a write, in the engine's terms: the first row of {@link #TABLE} that matches.
     */
    static GraphFailure classify(int status, String code, String message, Optional<Duration> retryAfter) {
        String text = message == null ? "" : message;
        for (Row row : TABLE) {
            if (row.matches(status, text)) {
                return row.failure().make(status, code, text, retryAfter);
            }
        }
        return new GraphFailure.Other(status, code, text);
    }

    /** Builds the failure of a matching row. */
    @FunctionalInterface
    interface FailureMaker {
        GraphFailure make(int status, String code, String message, Optional<Duration> retryAfter);
    }

    /**
     * One row of the table: a status (or a range), and for Graph's business refusals a pattern of its
     * message. {@code source} says where the row comes from.
     */
    record Row(String name, int fromStatus, int toStatus, Optional<Pattern> message, FailureMaker failure, String source) {
        boolean matches(int status, String text) {
            return status >= fromStatus && status <= toStatus && message.map(pattern -> pattern.matcher(text).find()).orElse(true);
        }
    }

    private static Row byStatus(String name, int from, int to, FailureMaker failure, String source) {
        return new Row(name, from, to, Optional.empty(), failure, source);
    }

    private static Row refusal(String name, String pattern, FailureMaker failure, String source) {
        // 409 is not documented for assignLicense; it is read like a 400 rather than dropped to "other".
        return new Row(name, 400, 409, Optional.of(Pattern.compile(pattern, Pattern.CASE_INSENSITIVE)), failure, source);
    }

    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /**
     * The one error table for Graph's answers to writes, in the order it is read. Graph gives codes for
     * throttling and server failures (the status) but answers every business refusal of
     * {@code assignLicense} with 400 {@code Request_BadRequest} (graph-facts.md §3.1, and its §3.1 table of
     * messages): there only the message tells them apart, so those rows match Graph's message (or Entra's
     * group-licensing error code where a message carries it). A usage-location restriction comes before a
     * missing usage location: both messages say "usage location". Each row has a test.
     */
    static final List<Row> TABLE = List.of(
            byStatus("throttled", 429, 429, (status, code, message, retryAfter) -> new GraphFailure.Throttled(retryAfter.orElse(Duration.ZERO)),
                    "429 TooManyRequests + Retry-After (graph-facts §7)"),
            byStatus("unavailable", 503, 503, (status, code, message, retryAfter) -> new GraphFailure.Transient(status, retryAfter, false, message),
                    "503: refused before doing anything (graph-facts §7.2)"),
            byStatus("server error", 500, 599, (status, code, message, retryAfter) -> new GraphFailure.Transient(status, retryAfter, true, message),
                    "500/502/504: the write may have been carried out before the failure (gateway time-out)"),
            byStatus("not found", 404, 404, (status, code, message, retryAfter) -> new GraphFailure.NotFound(message),
                    "404 Request_ResourceNotFound: no such user (DC concepts/errors.md)"),
            refusal("no seats", "does not have any available licenses|not enough licenses|CountViolation",
                    (status, code, message, retryAfter) -> new GraphFailure.NoSeats(firstGuid(message).map(SkuId::new), message),
                    "\"Subscription with SKU ... does not have any available licenses.\" (graph-facts §3.1)"),
            refusal("usage location restricted", "not available in the usage location|ProhibitedInUsageLocation",
                    (status, code, message, retryAfter) -> new GraphFailure.UnavailableInUsageLocation(firstGuid(message).map(SkuId::new), message),
                    "ProhibitedInUsageLocationViolation (graph-facts §2, §8); the direct-assignment text is not public (§12)"),
            refusal("no usage location", "invalid usage location|without a usage location|usage ?location",
                    (status, code, message, retryAfter) -> new GraphFailure.MissingUsageLocation(message),
                    "\"License assignment cannot be done for user with invalid usage location.\" (graph-facts §3.1)"),
            refusal("service plan conflict", "mutually exclusive|cannot be assigned at the same time|conflicting service plans|MutuallyExclusiveViolation",
                    (status, code, message, retryAfter) -> new GraphFailure.ServicePlanConflict(guids(message).stream().map(ServicePlanId::new).toList(), message),
                    "MutuallyExclusiveViolation (graph-facts §2, §8); the direct-assignment text is not public (§12)"),
            refusal("service plan dependency", "depends on the service plan|DependencyViolation", GraphErrors::dependency,
                    "\"... service plan X depends on the service plan(s) A,B\" (shared/data/README.md)"),
            refusal("inherited from a group", "inherited from a group",
                    (status, code, message, retryAfter) -> new GraphFailure.InheritedOnly(message),
                    "\"User license is inherited from a group membership and it cannot be removed directly from the user.\" (graph-facts §3.1)"),
            refusal("not held", "does not have a corresponding license",
                    (status, code, message, retryAfter) -> new GraphFailure.LicenseNotHeld(message),
                    "removing a license the user does not hold: the emulator's text; Graph's is not pinned down, so the applier also reads the user back"),
            refusal("unknown SKU", "does not correspond to a valid company license|not a valid sku|invalid license|unknown sku"
                            + "|cannot be assigned to a user",
                    (status, code, message, retryAfter) -> new GraphFailure.UnknownSku(firstGuid(message).map(SkuId::new), message),
                    "an unknown SKU, or a Company-level one: \"License ... cannot be assigned to a user.\" (graph-facts §3.1)"));

    private static GraphFailure dependency(int status, String code, String message, Optional<Duration> retryAfter) {
        int split = message.toLowerCase(Locale.ROOT).indexOf("depends on");
        Optional<ServicePlanId> plan = split < 0 ? Optional.empty() : firstGuid(message.substring(0, split)).map(ServicePlanId::new);
        List<ServicePlanId> requires = split < 0 ? List.of()
                : guids(message.substring(split)).stream().map(ServicePlanId::new).toList();
        return new GraphFailure.DependencyMissing(plan, requires, message);
    }

    private static Optional<UUID> firstGuid(String text) {
        List<UUID> all = guids(text);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    private static List<UUID> guids(String text) {
        List<UUID> result = new ArrayList<>();
        Matcher matcher = GUID.matcher(text);
        while (matcher.find()) {
            UUID id = UUID.fromString(matcher.group());
            if (!result.contains(id)) {
                result.add(id);
            }
        }
        return result;
    }

    /** A failure of the whole {@code $batch} request: any item may or may not have been carried out. */
    static GraphFailure batchFailure(Exception e, Instant now) {
        if (e instanceof ApiException api && api.getResponseStatusCode() > 0) {
            int status = api.getResponseStatusCode();
            Optional<Duration> retryAfter = Optional.empty();
            if (api.getResponseHeaders() != null && api.getResponseHeaders().containsKey("Retry-After")) {
                retryAfter = api.getResponseHeaders().get("Retry-After").stream().findFirst().flatMap(value -> RetryAfter.parse(value, now));
            }
            if (status == 429 || status == 503) {
                return classify(status, null, api.getMessage(), retryAfter);
            }
            // A refused batch (400) was not carried out, but one answered 5xx may have been in part.
            return status >= 500 ? new GraphFailure.Transient(status, retryAfter, true, String.valueOf(api.getMessage()))
                    : classify(status, null, api.getMessage(), retryAfter);
        }
        return new GraphFailure.Transient(0, Optional.empty(), true, e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    static GraphFailure itemFailure(int status, Response raw, Instant now) {
        Optional<Duration> retryAfter = raw == null ? Optional.empty()
                : Optional.ofNullable(raw.header("Retry-After")).flatMap(value -> RetryAfter.parse(value, now));
        String code = null;
        String message = "";
        if (raw != null && raw.body() != null) {
            // Typed reading of failed batch items is broken in graph-core 3.6.x (graph-sdk-notes Q4): parse the raw body.
            try (InputStream body = raw.body().byteStream()) {
                ODataError error = new JsonParseNodeFactory().getParseNode("application/json", body)
                        .getObjectValue(ODataError::createFromDiscriminatorValue);
                if (error != null && error.getError() != null) {
                    code = error.getError().getCode();
                    message = error.getError().getMessage() == null ? "" : error.getError().getMessage();
                }
            } catch (IOException | RuntimeException e) {
                message = "unreadable error body (" + e.getClass().getSimpleName() + ")";
            }
        }
        return classify(status, code, message, retryAfter);
    }
}
