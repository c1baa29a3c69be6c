package io.seatwarden.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * One request as the emulator's handlers see it, whether it came over HTTP or as a {@code $batch} step.
 *
 * @param path the decoded path below {@code /v1.0}, starting with {@code /}
 * @param rawQuery the query string as sent (percent-encoded), or empty
 * @param headers header names compared case-insensitively
 * @param batchItemId the step's id when this is a {@code $batch} step
 */
record EmulatorRequest(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body,
                       Optional<String> batchItemId) {
    EmulatorRequest {
        requireNonNull(method, "method is null");
        requireNonNull(path, "path is null");
        requireNonNull(rawQuery, "rawQuery is null");
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.merge(name, List.copyOf(values), (a, b) -> {
            java.util.ArrayList<String> both = new java.util.ArrayList<>(a);
            both.addAll(b);
            return List.copyOf(both);
        }));
        headers = Collections.unmodifiableMap(copy);
        body = body == null ? new byte[0] : body;
        requireNonNull(batchItemId, "batchItemId is null");
    }

    Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    boolean isBatchItem() {
        return batchItemId.isPresent();
    }
}
