package io.seatwarden.schedule;

import io.seatwarden.graph.CredentialsReference;

import io.seatwarden.policy.PolicyProblem;
import io.seatwarden.policy.SourceLocation;
import io.seatwarden.schedule.LocatedYaml.Entry;
import io.seatwarden.schedule.LocatedYaml.ListNode;
import io.seatwarden.schedule.LocatedYaml.MapNode;
import io.seatwarden.schedule.LocatedYaml.Node;
import io.seatwarden.schedule.LocatedYaml.ScalarNode;
import org.quartz.CronExpression;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a tenants file: the tenants one {@code run} service reconciles. Every problem is
 * collected and reported with its {@code file:line:column}; unknown keys are errors.
 *
 * <pre>{@code
 * tenants:
 *   - id: contoso                     # required: job key and run directory name
 *     name: Contoso Ltd               # optional, for reports
 *     graphUrl: https://graph.microsoft.com/v1.0   # optional, this is the default
 *     credentials: {envPrefix: CONTOSO_}   # CONTOSO_AZURE_TENANT_ID, CONTOSO_AZURE_CLIENT_ID, ...
 *     policies: contoso/policies      # required; relative to this file's directory
 *     schedule: "0 0 2 * * ?"         # optional Quartz cron; default: the policies' settings.schedule
 *     timeZone: Europe/Berlin         # optional; default: the service's time zone
 * }</pre>
 *
 * {@code credentials} is {@code none} (loopback endpoints; the default for them),
 * {@code azure-environment} (AZURE_* variables; the default otherwise), {@code managed-identity},
 * {@code {envPrefix: PREFIX_}} or {@code {managedIdentityClientId: ID}}. Secrets never go in the file.
 */
public final class TenantsFile {
    private static final Set<String> TOP_KEYS = Set.of("tenants");
    private static final Set<String> TENANT_KEYS = Set.of("id", "name", "graphUrl", "credentials", "policies", "schedule", "timeZone");
    private static final Set<String> SECRET_WORDS = Set.of("secret", "password", "certificate", "token", "key");

    private TenantsFile() {}

    public static List<TenantTarget> load(Path file) {
        String name = file.toString();
        List<PolicyProblem> problems = new ArrayList<>();
        Node root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = LocatedYaml.parse(reader, name, problems);
        } catch (NoSuchFileException e) {
            throw new TenantsFileException(List.of(new PolicyProblem(SourceLocation.unknown(name), "no such file")));
        } catch (IOException e) {
            throw new TenantsFileException(List.of(new PolicyProblem(SourceLocation.unknown(name), "cannot read: " + e.getMessage())));
        }
        Path base = file.toAbsolutePath().getParent();
        List<TenantTarget> tenants = new ArrayList<>();
        if (!(root instanceof MapNode map)) {
            problems.add(new PolicyProblem(root.location(), "expected a map with a 'tenants:' list"));
        } else {
            unknownKeys(map, TOP_KEYS, problems);
            Entry list = map.entries().get("tenants");
            if (list == null) {
                problems.add(new PolicyProblem(map.location(), "'tenants:' is missing"));
            } else if (!(list.value() instanceof ListNode items) || items.items().isEmpty()) {
                problems.add(new PolicyProblem(list.value().location(), "'tenants' must be a non-empty list"));
            } else {
                Set<String> seen = new HashSet<>();
                for (Node item : items.items()) {
                    if (item instanceof MapNode tenant && tenant.entries().get("id") != null
                            && tenant.entries().get("id").value() instanceof ScalarNode id && id.text() != null
                            && !seen.add(id.text())) {
                        problems.add(new PolicyProblem(tenant.location(), "tenant id '" + id.text() + "' is used twice"));
                    }
                    tenant(item, base, problems).ifPresent(tenants::add);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new TenantsFileException(problems);
        }
        return List.copyOf(tenants);
    }

    private static Optional<TenantTarget> tenant(Node node, Path base, List<PolicyProblem> problems) {
        if (!(node instanceof MapNode map)) {
            problems.add(new PolicyProblem(node.location(), "a tenant must be a map (id, policies, ...)"));
            return Optional.empty();
        }
        int before = problems.size();
        unknownKeys(map, TENANT_KEYS, problems);
        Optional<String> id = scalar(map, "id", true, problems);
        id.filter(value -> !TenantKey.isValid(value)).ifPresent(value -> problems.add(new PolicyProblem(map.entries().get("id").value().location()
               , "tenant id '" + value + "' must be 1-63 lower-case letters, digits, '.', '_' or '-'")));
        Optional<String> displayName = scalar(map, "name", false, problems);
        URI graphUrl = scalar(map, "graphUrl", false, problems).flatMap(text -> uri(text, map, problems))
                .orElse(TenantTarget.DEFAULT_GRAPH_URL);
        CredentialsReference credentials = credentials(map, graphUrl, problems);
        Optional<Path> policies = scalar(map, "policies", true, problems).map(text -> base.resolve(text).normalize());
        policies.filter(path -> !Files.isDirectory(path)).ifPresent(path -> problems.add(new PolicyProblem(map.entries().get("policies").value().location()
               , "policy directory " + path + " does not exist")));
        Optional<String> schedule = scalar(map, "schedule", false, problems);
        schedule.flatMap(TenantsFile::cronProblem).ifPresent(problem -> problems.add(new PolicyProblem(map.entries().get("schedule").value().location()
               , "" + problem)));
        Optional<ZoneId> timeZone = scalar(map, "timeZone", false, problems).flatMap(text -> zone(text, map, problems));
        if (problems.size() > before || id.isEmpty() || policies.isEmpty()) {
            return Optional.empty();
        }
        TenantKey key = TenantKey.of(id.get());
        return Optional.of(new TenantTarget(key, displayName.orElse(key.value()), graphUrl, credentials, policies.get(),
                schedule, timeZone, map.location()));
    }

    /** Why a cron expression is not valid Quartz cron, or empty when it is. */
    public static Optional<String> cronProblem(String cron) {
        try {
            new CronExpression(cron);
            return Optional.empty();
        } catch (ParseException e) {
            return Optional.of("'" + cron + "' is not a Quartz cron expression (seconds minutes hours day-of-month month"
                    + " day-of-week, e.g. \"0 0 2 * * ?\"): " + e.getMessage());
        }
    }

    private static CredentialsReference credentials(MapNode tenant, URI graphUrl, List<PolicyProblem> problems) {
        Entry entry = tenant.entries().get("credentials");
        if (entry == null) {
            return CredentialsReference.defaultFor(graphUrl);
        }
        if (entry.value() instanceof ScalarNode scalar && scalar.text() != null) {
            switch (scalar.text()) {
                case "none":
                    return new CredentialsReference.None();
                case "azure-environment":
                    return new CredentialsReference.AzureEnvironment();
                case "managed-identity":
                    return new CredentialsReference.ManagedIdentity(Optional.empty());
                default:
                    problems.add(new PolicyProblem(scalar.location(), "credentials must be none, azure-environment, managed-identity,"
                            + " {envPrefix: PREFIX_} or {managedIdentityClientId: ID}"));
                    return new CredentialsReference.None();
            }
        }
        if (entry.value() instanceof MapNode map && map.entries().size() == 1) {
            Entry only = map.entries().values().iterator().next();
            String value = only.value() instanceof ScalarNode scalar ? scalar.text() : null;
            if (value != null && only.key().equals("envPrefix") && value.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                return new CredentialsReference.EnvironmentPrefix(value);
            }
            if (value != null && only.key().equals("managedIdentityClientId")) {
                return new CredentialsReference.ManagedIdentity(Optional.of(value));
            }
            if (looksSecret(only.key())) {
                problems.add(new PolicyProblem(only.keyLocation(), "secrets do not belong in the tenants file; name environment variables"
                        + " with {envPrefix: PREFIX_} (PREFIX_AZURE_CLIENT_SECRET) or use a managed identity"));
                return new CredentialsReference.None();
            }
        }
        problems.add(new PolicyProblem(entry.value().location(), "credentials must be none, azure-environment, managed-identity,"
                + " {envPrefix: PREFIX_} (an environment variable prefix) or {managedIdentityClientId: ID}"));
        return new CredentialsReference.None();
    }

    private static boolean looksSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(lower::contains);
    }

    /** True for the hosts Graph clients may reach over plain http (localhost, 127.0.0.1, ::1). */
    public static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        return host != null && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1") || host.equals("[::1]"));
    }

    private static Optional<URI> uri(String text, MapNode tenant, List<PolicyProblem> problems) {
        SourceLocation at = tenant.entries().get("graphUrl").value().location();
        try {
            URI uri = new URI(text);
            if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && isLoopback(uri))) {
                problems.add(new PolicyProblem(at, "graphUrl must be https (plain http only for localhost)"));
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            problems.add(new PolicyProblem(at, "graphUrl is not a URL: " + e.getMessage()));
            return Optional.empty();
        }
    }

    private static Optional<ZoneId> zone(String text, MapNode tenant, List<PolicyProblem> problems) {
        try {
            return Optional.of(ZoneId.of(text));
        } catch (DateTimeException e) {
            problems.add(new PolicyProblem(tenant.entries().get("timeZone").value().location(), "unknown time zone '" + text
                    + "' (use a region id such as Europe/Berlin or UTC)"));
            return Optional.empty();
        }
    }

    private static Optional<String> scalar(MapNode map, String key, boolean required, List<PolicyProblem> problems) {
        Entry entry = map.entries().get(key);
        if (entry == null) {
            if (required) {
                problems.add(new PolicyProblem(map.location(), "'" + key + "' is missing"));
            }
            return Optional.empty();
        }
        if (!(entry.value() instanceof ScalarNode scalar) || scalar.text() == null || scalar.text().isBlank()) {
            problems.add(new PolicyProblem(entry.value().location(), "'" + key + "' must be a non-empty text"));
            return Optional.empty();
        }
        return Optional.of(scalar.text());
    }

    private static void unknownKeys(MapNode map, Set<String> known, List<PolicyProblem> problems) {
        for (Entry entry : map.entries().values()) {
            if (!known.contains(entry.key())) {
                problems.add(new PolicyProblem(entry.keyLocation(), "unknown key '" + entry.key() + "' (expected one of "
                        + String.join(", ", new TreeSet<>(known)) + ")"));
            }
        }
    }
}
