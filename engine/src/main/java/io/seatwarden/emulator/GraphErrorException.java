package io.seatwarden.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Graph error the emulator answers with: HTTP status, Graph's {@code error.code} and message,
 * and any extra response headers (e.g. {@code Retry-After}). Thrown by handlers, turned into
 * Graph's error body by the dispatcher.
 */
final class GraphErrorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient Map<String, String> headers;

    GraphErrorException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    GraphErrorException(int status, String code, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.code = code;
        this.headers = new LinkedHashMap<>(headers);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Map<String, String> headers() {
        return headers;
    }

    static GraphErrorException badRequest(String message) {
        return new GraphErrorException(400, "Request_BadRequest", message);
    }

    static GraphErrorException unsupportedQuery(String message) {
        return new GraphErrorException(400, "Request_UnsupportedQuery", message);
    }

    static GraphErrorException notFound(String id) {
        return new GraphErrorException(404, "Request_ResourceNotFound",
                "Resource '" + id + "' does not exist or one of its queried reference-property objects are not present.");
    }

    static GraphErrorException segmentNotFound(String segment) {
        return new GraphErrorException(400, "BadRequest", "Resource not found for the segment '" + segment + "'.");
    }

    static GraphErrorException methodNotAllowed() {
        return new GraphErrorException(405, "Request_BadRequest", "Specified HTTP method is not allowed for the request target.");
    }
}
