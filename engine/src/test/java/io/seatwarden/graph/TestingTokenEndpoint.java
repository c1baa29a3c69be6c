package io.seatwarden.graph;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local Microsoft Entra token endpoint at the level of azure-core's {@link HttpClient}: what
 * azure-identity and MSAL send goes through their whole pipeline (including azure-core's HTTP
 * logging) and reaches this instead of the network, which lets a test keep the authority https
 * without a certificate. It answers MSAL's instance discovery, the tenant's OpenID configuration and
 * the token request (with {@code token} as the access token), and records the requests' URLs.
 */
final class TestingTokenEndpoint implements HttpClient {
    private final String token;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    TestingTokenEndpoint(String token) {
        this.token = token;
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
        String url = request.getUrl().toString();
        requests.add(request.getHttpMethod() + " " + url);
        String host = request.getUrl().getHost();
        String body;
        if (url.contains("/discovery/instance")) {
            body = "{\"tenant_discovery_endpoint\":\"https://" + host + "/common/v2.0/.well-known/openid-configuration\","
                    + "\"api-version\":\"1.1\",\"metadata\":[{\"preferred_network\":\"" + host + "\",\"preferred_cache\":\""
                    + host + "\",\"aliases\":[\"" + host + "\"]}]}";
        } else if (url.contains("openid-configuration")) {
            String tenant = request.getUrl().getPath().split("/")[1];
            body = "{\"token_endpoint\":\"https://" + host + "/" + tenant + "/oauth2/v2.0/token\",\"issuer\":\"https://" + host
                    + "/" + tenant + "/v2.0\",\"authorization_endpoint\":\"https://" + host + "/" + tenant + "/oauth2/v2.0/authorize\"}";
        } else if (url.contains("/oauth2/v2.0/token") || url.contains("/oauth2/token")) {
            body = "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,\"access_token\":\"" + token + "\"}";
        } else {
            return Mono.just(new Response(request, 404, "{\"error\":\"not_found\"}"));
        }
        return Mono.just(new Response(request, 200, body));
    }

    private static final class Response extends HttpResponse {
        private final int status;
        private final byte[] body;
        private final HttpHeaders headers = new HttpHeaders().set(HttpHeaderName.CONTENT_TYPE, "application/json; charset=utf-8");

        Response(HttpRequest request, int status, String body) {
            super(request);
            this.status = status;
            this.body = body.getBytes(StandardCharsets.UTF_8);
            headers.set(HttpHeaderName.CONTENT_LENGTH, Integer.toString(this.body.length));
        }

        @Override
        public int getStatusCode() {
            return status;
        }

        @Override
        @Deprecated
        public String getHeaderValue(String name) {
            return headers.getValue(name);
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public Flux<ByteBuffer> getBody() {
            return Flux.just(ByteBuffer.wrap(body));
        }

        @Override
        public Mono<byte[]> getBodyAsByteArray() {
            return Mono.just(body);
        }

        @Override
        public Mono<String> getBodyAsString() {
            return Mono.just(new String(body, StandardCharsets.UTF_8));
        }

        @Override
        public Mono<String> getBodyAsString(Charset charset) {
            return Mono.just(new String(body, charset));
        }
    }
}
