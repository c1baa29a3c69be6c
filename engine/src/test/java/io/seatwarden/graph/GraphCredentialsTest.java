package io.seatwarden.graph;

import com.microsoft.kiota.authentication.AzureIdentityAuthenticationProvider;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GraphCredentialsTest {
    @Test
    void loopbackEndpointsNeedNoCredential() {
        AtomicBoolean asked = new AtomicBoolean();
        for (String url : new String[] {"http://127.0.0.1:8080/v1.0", "http://localhost:1/v1.0", "http://[::1]:9/v1.0"}) {
            assertThat(GraphCredentials.forEndpoint(URI.create(url), () -> {
                asked.set(true);
                return null;
            })).isInstanceOf(BaseBearerTokenAuthenticationProvider.class)
                    .isNotInstanceOf(AzureIdentityAuthenticationProvider.class);
        }
        assertThat(asked).isFalse();
    }

    @Test
    void theLoopbackTokenGoesOnlyToLoopbackHosts() throws Exception {
        BaseBearerTokenAuthenticationProvider provider = (BaseBearerTokenAuthenticationProvider) GraphCredentials.loopback();
        assertThat(provider.getAccessTokenProvider().getAuthorizationToken(new URI("http://127.0.0.1:5/v1.0/users"), Map.of()))
                .isEqualTo(GraphCredentials.LOOPBACK_TOKEN);
        assertThat(provider.getAccessTokenProvider().getAuthorizationToken(new URI("https://graph.microsoft.com/v1.0/users"), Map.of()))
                .isEmpty();
    }

    @Test
    void realTenantsUseAzureIdentityForTheirOwnHost() {
        assertThat(GraphCredentials.forEndpoint(URI.create("https://graph.microsoft.com/v1.0"),
                () -> request -> reactor.core.publisher.Mono.empty()))
                .isInstanceOf(AzureIdentityAuthenticationProvider.class);
        assertThat(GraphCredentials.scope(URI.create("https://graph.microsoft.com/v1.0"))).isEqualTo("https://graph.microsoft.com/.default");
        assertThat(GraphCredentials.scope(URI.create("https://graph.microsoft.us/v1.0"))).isEqualTo("https://graph.microsoft.us/.default");
    }

    @Test
    void plainHttpIsRefusedBeyondLoopback() {
        assertThatThrownBy(() -> GraphCredentials.forEndpoint(URI.create("http://graph.example.test/v1.0"), () -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("https");
    }

    @Test
    void picksTheCredentialTheWayAzureIdentityDoes() {
        assertThat(GraphCredentials.kind(Map.of("AZURE_TENANT_ID", "t", "AZURE_CLIENT_ID", "c", "AZURE_CLIENT_SECRET", "s",
                "AZURE_CLIENT_CERTIFICATE_PATH", "/cert.pem")::get)).isEqualTo(GraphCredentials.Kind.CLIENT_SECRET);
        assertThat(GraphCredentials.kind(Map.of("AZURE_TENANT_ID", "t", "AZURE_CLIENT_ID", "c",
                "AZURE_CLIENT_CERTIFICATE_PATH", "/cert.pem")::get)).isEqualTo(GraphCredentials.Kind.CLIENT_CERTIFICATE);
        assertThat(GraphCredentials.kind(Map.of("AZURE_TENANT_ID", "t", "AZURE_CLIENT_ID", "c",
                "AZURE_FEDERATED_TOKEN_FILE", "/var/run/token")::get)).isEqualTo(GraphCredentials.Kind.WORKLOAD_IDENTITY);
        assertThat(GraphCredentials.kind(Map.<String, String>of()::get)).isEqualTo(GraphCredentials.Kind.MANAGED_IDENTITY);
        assertThat(GraphCredentials.fromEnvironment(Map.of("AZURE_TENANT_ID", "t", "AZURE_CLIENT_ID", "c",
                "AZURE_FEDERATED_TOKEN_FILE", "/var/run/token")::get)).isNotNull();
    }

    @Test
    void aMissingTenantIsNamedWithoutShowingTheSecret() {
        assertThatThrownBy(() -> GraphCredentials.fromEnvironment(Map.of("AZURE_CLIENT_ID", "c", "AZURE_CLIENT_SECRET", "s3cr3t")::get))
                .hasMessageContaining("AZURE_TENANT_ID")
                .hasMessageNotContaining("s3cr3t");
    }
}
