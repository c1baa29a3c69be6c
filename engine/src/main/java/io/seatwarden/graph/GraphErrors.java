package io.seatwarden.graph;

import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.serialization.JsonParseNodeFactory;
import io.seatwarden.directory.DirectoryReadException;
import io.seatwarden.reconcile.GraphFailure;
import okhttp3.Response;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

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
     * Graph's answer to a write, in the engine's terms. Graph answers the business-logic failures of
     * {@code assignLicense} with a 400 and the code {@code Request_BadRequest} for all of them, so
     * those are told apart by their message (graph-facts.md §3.1); everything else by the status.
     */
    static GraphFailure classify(int status, String code, String message, Optional<Duration> retryAfter) {
        String text = message == null ? "" : message;
        String lower = text.toLowerCase(Locale.ROOT);
        if (status == 429) {
            return new GraphFailure.Throttled(retryAfter.orElse(Duration.ZERO));
        }
        if (status == 503) {
            // Graph's "service unavailable": refused before doing anything (graph-facts.md §7.2).
            return new GraphFailure.Transient(status, retryAfter, false, text);
        }
        if (status >= 500) {
            // 500/502/504: the request may have been carried out before the failure.
            return new GraphFailure.Transient(status, retryAfter, true, text);
        }
        if (status == 404) {
            return new GraphFailure.NotFound(text);
        }
        if (status == 400 || status == 409) {
            if (lower.contains("available licenses") || lower.contains("countviolation") || lower.contains("not enough licenses")) {
                return new GraphFailure.NoSeats(text);
            }
            if (lower.contains("usage location") || lower.contains("usagelocation")) {
                return new GraphFailure.MissingUsageLocation(text);
            }
            if (lower.contains("inherited from a group")) {
                return new GraphFailure.InheritedOnly(text);
            }
            if (lower.contains("valid company license") || lower.contains("does not correspond")
                    || lower.contains("invalid license") || lower.contains("unknown sku") || lower.contains("not a valid sku")) {
                return new GraphFailure.UnknownSku(text);
            }
        }
        return new GraphFailure.Other(status, code, text);
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
