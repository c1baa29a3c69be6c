package io.seatwarden.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response before it goes on the wire (or into a {@code $batch} response). */
record EmulatorResponse(int status, Map<String, String> headers, byte[] body) {
    static final String JSON = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

    EmulatorResponse {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body == null ? new byte[0] : body;
    }

    static EmulatorResponse json(int status, byte[] body) {
        return new EmulatorResponse(status, Map.of("Content-Type", JSON), body);
    }

    static EmulatorResponse text(int status, String body) {
        return new EmulatorResponse(status, Map.of("Content-Type", "text/plain;charset=utf-8"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    static EmulatorResponse noContent() {
        // The SDK needs a Content-Type on every response (graph-sdk-notes Q4), even without a body.
        return new EmulatorResponse(204, Map.of("Content-Type", JSON), new byte[0]);
    }

    EmulatorResponse withHeaders(Map<String, String> extra) {
        Map<String, String> merged = new LinkedHashMap<>(headers);
        merged.putAll(extra);
        return new EmulatorResponse(status, merged, body);
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
