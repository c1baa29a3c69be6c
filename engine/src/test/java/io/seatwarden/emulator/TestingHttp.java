package io.seatwarden.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Plain HTTP to an emulator, for what the SDK does not expose (status codes, headers, raw query strings). */
final class TestingHttp {
    /** A response: status, headers (first value per name, names as sent), body parsed when it is JSON. */
    record Answer(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }
    }

    private final HttpClient client = HttpClient.newHttpClient();
    private final String baseUrl;

    TestingHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Answer get(String pathAndQuery, String... headers) {
        return send("GET", pathAndQuery, null, headers);
    }

    Answer post(String pathAndQuery, String body, String... headers) {
        return send("POST", pathAndQuery, body, headers);
    }

    Answer send(String method, String pathAndQuery, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> first = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            response.headers().map().forEach((name, values) -> first.put(name, values.get(0)));
            return new Answer(response.statusCode(), first, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
