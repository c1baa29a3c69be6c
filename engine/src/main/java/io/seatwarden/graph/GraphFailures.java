package io.seatwarden.graph;

import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.kiota.ApiException;
import io.seatwarden.directory.DirectoryReadException;

/**
 * Turns what the Graph SDK throws into the engine's own {@link DirectoryReadException}, so that no
 * SDK type escapes {@code io.seatwarden.graph}. The message names what was read, the HTTP status and
 * Graph's error code; it never carries headers, so never a token.
 */
final class GraphFailures {
    private GraphFailures() {}

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
}
