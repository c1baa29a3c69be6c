package io.seatwarden.emulator;

import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.core.requests.options.GraphClientOption;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import com.microsoft.kiota.http.middleware.HeadersInspectionHandler;
import com.microsoft.kiota.http.middleware.ParametersNameDecodingHandler;
import com.microsoft.kiota.http.middleware.RedirectHandler;
import com.microsoft.kiota.http.middleware.UrlReplaceHandler;
import com.microsoft.kiota.http.middleware.UserAgentHandler;
import io.seatwarden.directory.file.TenantFile;
import io.seatwarden.directory.file.TenantFiles;
import okhttp3.OkHttpClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Real Graph SDK clients pointed at an emulator (graph-sdk-notes Q1, Q5), and tenant fixtures. */
final class TestingGraphClients {
    static final String TOKEN = "fake-token-123";

    private TestingGraphClients() {}

    /** The SDK as shipped: default middleware, RetryHandler included. */
    static GraphServiceClient withRetries(String baseUrl) {
        GraphServiceClient client = new GraphServiceClient(authentication());
        client.getRequestAdapter().setBaseUrl(baseUrl);
        return client;
    }

    /** The SDK without its RetryHandler, so that 429/503/504 reach the test at once. */
    static GraphServiceClient withoutRetries(String baseUrl) {
        OkHttpClient http = GraphClientFactory.create(new GraphClientOption(), new UrlReplaceHandler(), new UserAgentHandler(),
                        new ParametersNameDecodingHandler(), new HeadersInspectionHandler(), new RedirectHandler())
                .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(30)).callTimeout(Duration.ofSeconds(60))
                .build();
        GraphServiceClient client = new GraphServiceClient(authentication(), http);
        client.getRequestAdapter().setBaseUrl(baseUrl);
        return client;
    }

    private static BaseBearerTokenAuthenticationProvider authentication() {
        return new BaseBearerTokenAuthenticationProvider(new AccessTokenProvider() {
            private final AllowedHostsValidator hosts = new AllowedHostsValidator("127.0.0.1", "localhost");

            @Override
            public String getAuthorizationToken(URI uri, Map<String, Object> context) {
                return hosts.isUrlHostValid(uri) ? TOKEN : "";
            }

            @Override
            public AllowedHostsValidator getAllowedHostsValidator() {
                return hosts;
            }
        });
    }

    /** A tenant file from src/test/resources/tenants/. */
    static TenantFile tenant(String name) {
        String resource = "/tenants/" + name;
        try (InputStream in = TestingGraphClients.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test tenant " + resource);
            }
            return new TenantFiles().parse(in, resource, name.endsWith(".yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
