package io.seatwarden.graph;

import com.microsoft.graph.core.requests.options.GraphClientOption;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.RequestOption;
import com.microsoft.kiota.authentication.AuthenticationProvider;
import com.microsoft.kiota.http.middleware.HeadersInspectionHandler;
import com.microsoft.kiota.http.middleware.ParametersNameDecodingHandler;
import com.microsoft.kiota.http.middleware.RedirectHandler;
import com.microsoft.kiota.http.middleware.UrlReplaceHandler;
import com.microsoft.kiota.http.middleware.UserAgentHandler;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import okhttp3.OkHttpClient;
import okhttp3.Response;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Builds the {@link GraphServiceClient} the engine uses: the SDK's default middleware with the retry
 * handler configured explicitly (429, 503 and 504 retried, honouring {@code Retry-After}; Kiota's
 * RetryHandler does this for every request except the items of a {@code $batch}), sane timeouts
 * instead of Kiota's 100 s defaults, and every request and throttling wait reported to a
 * {@link ProgressListener}.
 *
 * <pre>{@code
 * URI url = URI.create("http://127.0.0.1:8080/v1.0");
 * GraphServiceClient client = GraphClientFactory.create(url,
 *         GraphCredentials.forEndpoint(url, GraphCredentials::defaultCredential),
 *         GraphClientOptions.defaults(), ProgressListener.NONE);
 * }</pre>
 */
public final class GraphClientFactory {
    private GraphClientFactory() {}

    public static GraphServiceClient create(URI baseUrl, AuthenticationProvider authentication, GraphClientOptions options, ProgressListener progress) {
        requireNonNull(baseUrl, "baseUrl is null");
        requireNonNull(authentication, "authentication is null");
        requireNonNull(options, "options is null");
        requireNonNull(progress, "progress is null");
        RetryHandlerOption retry = new RetryHandlerOption((delay, executionCount, request, response) -> {
            progress.waiting(response.code(), retryAfter(response, delay, executionCount));
            return true;
        }, options.maxRetries(), options.retryDelay().getSeconds());
        OkHttpClient http = com.microsoft.graph.core.requests.GraphClientFactory.create(new RequestOption[] {retry})
                .connectTimeout(options.connectTimeout())
                .readTimeout(options.readTimeout())
                .writeTimeout(options.readTimeout())
                .callTimeout(options.callTimeout())
                .addNetworkInterceptor(chain -> {
                    progress.requestSent();
                    return chain.proceed(chain.request());
                })
                .build();
        GraphServiceClient client = new GraphServiceClient(authentication, http);
        client.getRequestAdapter().setBaseUrl(trimmed(baseUrl));
        return client;
    }

    /**
     * The writer's client for {@code baseUrl}: the SDK's middleware without its RetryHandler (the
     * writer retries per item itself, and must never resend a whole {@code $batch} blindly), and
     * timeouts far below Kiota's 100 s defaults; authenticating the default way ({@link GraphCredentials#forEndpoint}:
     * the same rule as the reader, so the token's audience follows the endpoint's host).
     *
     * @throws IllegalArgumentException for plain http to a host that is not loopback
     */
    public static GraphServiceClient forWrites(URI baseUrl) {
        return forWrites(baseUrl, GraphCredentials.forEndpoint(baseUrl, GraphCredentials::defaultCredential));
    }

    /** The writer's client with the given authentication (the scheduler's per-tenant credentials). */
    public static GraphServiceClient forWrites(URI baseUrl, AuthenticationProvider authentication) {
        OkHttpClient http = com.microsoft.graph.core.requests.GraphClientFactory.create(new GraphClientOption(), new UrlReplaceHandler(), new UserAgentHandler(),
                        new ParametersNameDecodingHandler(), new HeadersInspectionHandler(), new RedirectHandler())
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(60))
                .callTimeout(Duration.ofSeconds(90))
                .build();
        GraphServiceClient client = new GraphServiceClient(authentication, http);
        client.getRequestAdapter().setBaseUrl(trimmed(baseUrl));
        return client;
    }

    private static String trimmed(URI baseUrl) {
        String text = baseUrl.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** What Kiota's RetryHandler will wait: {@code Retry-After} (seconds or an HTTP date), else its back-off. */
    static Duration retryAfter(Response response, long delaySeconds, int executionCount) {
        Optional<Duration> asked = RetryAfter.parse(response.header("Retry-After"), Instant.ofEpochMilli(response.sentRequestAtMillis()));
        if (asked.isPresent()) {
            return asked.get();
        }
        double seconds = executionCount < 2 ? delaySeconds : (Math.pow(2, executionCount) - 1) * 0.5 + delaySeconds;
        return Duration.ofMillis((long) (Math.min(seconds, 180) * 1000));
    }
}
