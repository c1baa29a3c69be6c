package io.seatwarden.graph;

import com.azure.identity.DefaultAzureCredentialBuilder;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.core.requests.options.GraphClientOption;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AnonymousAuthenticationProvider;
import com.microsoft.kiota.authentication.AuthenticationProvider;
import com.microsoft.kiota.authentication.AzureIdentityAuthenticationProvider;
import com.microsoft.kiota.http.middleware.HeadersInspectionHandler;
import com.microsoft.kiota.http.middleware.ParametersNameDecodingHandler;
import com.microsoft.kiota.http.middleware.RedirectHandler;
import com.microsoft.kiota.http.middleware.UrlReplaceHandler;
import com.microsoft.kiota.http.middleware.UserAgentHandler;
import okhttp3.OkHttpClient;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Builds the Graph client the writer uses: the SDK's middleware without its RetryHandler (the writer
 * retries per item itself, and must never resend a whole {@code $batch} blindly), and timeouts far
 * below Kiota's 100 s defaults.
 */
public final class GraphWriteClients {
    private GraphWriteClients() {}

    /**
     * A client for {@code baseUrl}: no credential for a loopback endpoint (the emulator), otherwise
     * azure-identity's default chain (environment, certificate, managed identity).
     */
    public static GraphServiceClient create(URI baseUrl) {
        return create(baseUrl, isLoopback(baseUrl) ? new AnonymousAuthenticationProvider()
                : new AzureIdentityAuthenticationProvider(new DefaultAzureCredentialBuilder().build(), new String[0],
                        "https://graph.microsoft.com/.default"));
    }

    public static GraphServiceClient create(URI baseUrl, AuthenticationProvider authentication) {
        OkHttpClient http = GraphClientFactory.create(new GraphClientOption(), new UrlReplaceHandler(), new UserAgentHandler(),
                        new ParametersNameDecodingHandler(), new HeadersInspectionHandler(), new RedirectHandler())
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(60))
                .callTimeout(Duration.ofSeconds(90))
                .build();
        GraphServiceClient client = new GraphServiceClient(authentication, http);
        String base = baseUrl.toString();
        client.getRequestAdapter().setBaseUrl(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        return client;
    }

    static boolean isLoopback(URI url) {
        String host = url.getHost();
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
