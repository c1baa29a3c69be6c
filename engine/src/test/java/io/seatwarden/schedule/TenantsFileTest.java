package io.seatwarden.schedule;

import io.seatwarden.graph.CredentialsReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantsFileTest {
    @TempDir
    Path directory;

    @Test
    void readsEveryTenantWithPathsRelativeToTheFile() throws IOException {
        Files.createDirectories(directory.resolve("contoso/policies"));
        Files.createDirectories(directory.resolve("fabrikam"));
        Path file = write("""
                tenants:
                  - id: contoso
                    name: Contoso Ltd
                    credentials: {envPrefix: CONTOSO_}
                    policies: contoso/policies
                    schedule: "0 30 1 * * ?"
                    timeZone: Europe/Berlin
                  - id: fabrikam
                    graphUrl: http://127.0.0.1:8080/v1.0
                    policies: fabrikam
                """);

        List<TenantTarget> tenants = TenantsFile.load(file);

        assertThat(tenants).hasSize(2);
        TenantTarget contoso = tenants.get(0);
        assertThat(contoso.key()).isEqualTo(TenantKey.of("contoso"));
        assertThat(contoso.displayName()).isEqualTo("Contoso Ltd");
        assertThat(contoso.graphUrl()).isEqualTo(URI.create("https://graph.microsoft.com/v1.0"));
        assertThat(contoso.credentials()).isEqualTo(new CredentialsReference.EnvironmentPrefix("CONTOSO_"));
        assertThat(contoso.policies()).isEqualTo(directory.resolve("contoso/policies").toAbsolutePath());
        assertThat(contoso.schedule()).contains("0 30 1 * * ?");
        assertThat(contoso.timeZone()).contains(ZoneId.of("Europe/Berlin"));
        TenantTarget fabrikam = tenants.get(1);
        assertThat(fabrikam.displayName()).isEqualTo("fabrikam");
        assertThat(fabrikam.credentials()).isEqualTo(new CredentialsReference.None());
        assertThat(fabrikam.schedule()).isEqualTo(Optional.empty());
    }

    @Test
    void reportsEveryProblemWithItsLineAndColumn() throws IOException {
        Files.createDirectories(directory.resolve("p"));
        Path file = write("""
                tenants:
                  - id: Contoso
                    policies: p
                    schedual: "0 0 2 * * ?"
                  - id: fabrikam
                    policies: missing
                    schedule: "every night"
                    credentials: {clientSecret: hunter2}
                  - id: northwind
                    policies: p
                    graphUrl: http://graph.example.com/v1.0
                    timeZone: Mars/Olympus
                  - id: northwind
                    policies: p
                """);

        assertThatThrownBy(() -> TenantsFile.load(file))
                .isInstanceOfSatisfying(TenantsFileException.class, e -> assertThat(e.problems()).extracting(Object::toString).containsExactly(
                        file + ":2:9: tenant id 'Contoso' must be 1-63 lower-case letters, digits, '.', '_' or '-'",
                        file + ":4:5: unknown key 'schedual' (expected one of credentials, graphUrl, id, name, policies, schedule, timeZone)",
                        file + ":6:15: policy directory " + directory.resolve("missing") + " does not exist",
                        file + ":7:15: 'every night' is not a Quartz cron expression (seconds minutes hours day-of-month month"
                                + " day-of-week, e.g. \"0 0 2 * * ?\"): Illegal characters for this position: 'EVE'",
                        file + ":8:19: secrets do not belong in the tenants file; name environment variables with {envPrefix: PREFIX_}"
                                + " (PREFIX_AZURE_CLIENT_SECRET) or use a managed identity",
                        file + ":11:15: graphUrl must be https (plain http only for localhost)",
                        file + ":12:15: unknown time zone 'Mars/Olympus' (use a region id such as Europe/Berlin or UTC)",
                        file + ":13:5: tenant id 'northwind' is used twice"))
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void anEmptyOrMalformedFileIsAnErrorAtAPlace() throws IOException {
        assertThatThrownBy(() -> TenantsFile.load(write("")))
                .hasMessageEndingWith("tenants.yaml:1:1: expected a map with a 'tenants:' list");
        assertThatThrownBy(() -> TenantsFile.load(write("tenants: [\n")))
                .hasMessageEndingWith("tenants.yaml:2:1: not valid YAML: expected the node content, but found '<stream end>'");
        assertThatThrownBy(() -> TenantsFile.load(directory.resolve("absent.yaml")))
                .hasMessageEndingWith("absent.yaml: no such file");
    }

    private Path write(String text) throws IOException {
        return Files.writeString(directory.resolve("tenants.yaml"), text);
    }
}
