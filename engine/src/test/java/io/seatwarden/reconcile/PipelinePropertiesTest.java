package io.seatwarden.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seatwarden.catalog.CatalogLoader;
import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.directory.LicenseAssignment;
import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.User;
import io.seatwarden.directory.UserId;
import io.seatwarden.directory.file.TenantFileMapper;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.GraphEmulator;
import io.seatwarden.emulator.RequestLog;
import io.seatwarden.graph.GraphClientFactory;
import io.seatwarden.graph.GraphClientOptions;
import io.seatwarden.graph.GraphLicenseWriter;
import io.seatwarden.graph.GraphReaders;
import io.seatwarden.graph.ProgressListener;
import io.seatwarden.graph.RetryPolicy;
import io.seatwarden.graph.SkippedTime;
import io.seatwarden.graph.WriteBudget;
import io.seatwarden.graph.WritePace;
import io.seatwarden.plan.LicenseAdd;
import io.seatwarden.plan.LicenseRemoval;
import io.seatwarden.plan.Plan;
import io.seatwarden.plan.UserChange;
import io.seatwarden.policy.PolicySet;
import io.seatwarden.report.JsonPlanRenderer;
import io.seatwarden.state.StateConfig;
import io.seatwarden.state.StateStore;
import io.seatwarden.state.StateStores;
import io.seatwarden.testing.TenantGenerator;
import io.seatwarden.testing.TestingPolicies;
import io.seatwarden.testing.TestingTenant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issue 8 property, over generated tenants and histories: a first apply makes some licenses the
 * engine's; then a policy is deleted, guard limits and reserves change, seats run short. Whatever
 * the case, {@code plan} (the pipeline's dry run) gives exactly the plan a dry run of {@code apply}
 * computes, and the apply that follows, through the real SDK against the emulator, makes exactly
 * that plan's changes: no more (no user outside the plan is written, no change twice), no fewer,
 * removals held when the plan's guard trips. Every fourth case goes through the commands: the JSON
 * of {@code plan --format json} is the pipeline's plan, and {@code apply --plan} that file makes
 * exactly its changes. Each case is reproducible from its seed.
 */
class PipelinePropertiesTest {
    private static final int CASES = 24;
    /** Every so many cases go through the commands ({@code plan --format json}, then {@code apply --plan}). */
    private static final int CLI_EVERY = 4;
    private static final String[] SKUS = {"E3", "E5", "PBI", "VISIO"};
    private static final Pattern USER_IN_PATH = Pattern.compile("/users/([^/]+)/assignLicense");
    private static final String[] PLANS = {"EXCHANGE", "TEAMS", "YAMMER", "SWAY", "FORMS"};

    @TempDir
    Path directory;

    private final SkippedTime clock = new SkippedTime();

    @Test
    void thePlanIsTheDryRunOfApplyAndApplyMakesExactlyItsChanges() {
        int tripped = 0;
        int ownedRemovals = 0;
        int waiting = 0;
        for (long seed = 0; seed < CASES; seed++) {
            Outcome outcome = runCase(seed);
            tripped += outcome.guardTripped() ? 1 : 0;
            ownedRemovals += outcome.ownedRemovals();
            waiting += outcome.waitingUsers();
        }
        // The generated histories reach what the property is about (else the cases prove little).
        assertThat(tripped).as("cases where the guard held removals").isPositive();
        assertThat(ownedRemovals).as("removals of licenses a deleted policy granted").isPositive();
        assertThat(waiting).as("users waiting for seats").isPositive();
    }

    private record Outcome(boolean guardTripped, int ownedRemovals, int waitingUsers) {}

    /** A policy as generated, so that the same policies can be built again without one of them. */
    private record PolicySpec(String name, String group, int priority, String usageLocation, List<GrantSpec> grants) {}

    private record GrantSpec(String sku, String disabled, boolean prune) {}

    /** Settings as generated: an optional reserve, and the removal guard's limits. */
    private record SettingsSpec(String reserveSku, int reserveSeats, int maxRemovals, Integer maxRemovalsPercent) {
        static final SettingsSpec GENEROUS = new SettingsSpec(null, 0, 1000, null);

        static SettingsSpec generate(Random random) {
            boolean reserve = random.nextBoolean();
            return new SettingsSpec(reserve ? SKUS[random.nextInt(SKUS.length)] : null, reserve ? 1 + random.nextInt(3) : 0,
                    random.nextInt(6), random.nextInt(3) == 0 ? 10 + random.nextInt(50) : null);
        }
    }

    private Outcome runCase(long seed) {
        Random random = new Random(seed * 7919 + 17);
        TestingTenant tenant = TenantGenerator.generate(seed).tenant();
        TenantSnapshot generated = tenant.build();
        List<PolicySpec> specs = specs(random, generated.groups().size());
        StateConfig stateConfig = StateConfig.h2File(directory.resolve("state-" + seed));
        try (GraphEmulator emulator = GraphEmulator.start(TenantFileMapper.toFile(generated), EmulatorOptions.defaults().withClock(clock))) {
            TenantConnection connection = connect(emulator);
            StateStore state = new StateStores(clock).open(stateConfig);
            ReconcileRun reconcile = new ReconcileRun(state, ProductCatalog.empty(), clock);

            // History: the full policies applied once (generous limits), so the engine owns what it assigned.
            RunResult first = reconcile.run(RunRequest.unattended(connection, build(specs, SettingsSpec.GENEROUS), RunOptions.apply().withMaxRemovals(1000)));
            assertThat(first.outcome()).as("seed %d: %s", seed, first.message()).isIn(io.seatwarden.state.RunOutcome.APPLIED, io.seatwarden.state.RunOutcome.NOTHING_TO_DO);

            // Then one policy is deleted; limits, reserve and seats are whatever the seed says.
            List<PolicySpec> kept = new ArrayList<>(specs);
            PolicySpec deleted = kept.remove(random.nextInt(kept.size()));
            SettingsSpec settings = SettingsSpec.generate(random);
            PolicySet now = build(kept, settings);
            RunOptions options = random.nextInt(4) == 0 ? RunOptions.apply().withMaxRemovals(random.nextInt(4)) : RunOptions.apply();

            RunResult planned = reconcile.run(RunRequest.unattended(connection, now, plan(options)));
            RunResult dryApply = reconcile.run(RunRequest.unattended(connection, now, options.asDryRun()));
            Plan plan = planned.plan().orElseThrow(() -> new AssertionError("seed " + seed + ": " + planned.message()));
            assertThat(dryApply.plan()).as("seed %d: plan is the dry run of apply", seed).contains(plan);

            TenantSnapshot before = emulator.state().snapshot();
            int writesBefore = emulator.requestLog().entries("POST /users/{id}/assignLicense").size();
            if (seed % CLI_EVERY == 0) {
                // Through the commands: plan --format json, then apply --plan that file.
                state.close();
                throughTheCommands(seed, emulator, stateConfig, kept, settings, options, plan);
            } else {
                RunResult applied = reconcile.run(RunRequest.unattended(connection, now, options));
                state.close();
                assertThat(applied.plan()).as("seed %d: apply applied the plan it was shown", seed).contains(plan);
                assertThat(applied.applied().map(result -> result.changes().stream()
                        .filter(change -> change.status() != ChangeStatus.APPLIED && change.status() != ChangeStatus.HELD).toList())
                        .orElse(List.of())).as("seed %d: %s", seed, applied.message()).isEmpty();
            }

            boolean tripped = plan.summary().removalGuard().wouldTrip();
            assertThat(directLicenses(emulator.state().snapshot())).as("seed %d: the tenant after apply", seed)
                    .isEqualTo(expected(before, plan, tripped));
            assertThat(locations(emulator.state().snapshot())).as("seed %d: usage locations", seed).isEqualTo(expectedLocations(before, plan));
            assertThat(writtenUsers(emulator, writesBefore)).as("seed %d: users written, each once", seed)
                    .isEqualTo(usersWithLicenseWrites(plan, tripped));

            int owned = 0;
            for (UserChange change : plan.changes()) {
                owned += (int) change.removeLicenses().stream().filter(removal -> deleted.grants().stream()
                        .anyMatch(grant -> grant.sku().equals(removal.skuPartNumber()))).count();
            }
            return new Outcome(tripped, owned, plan.summary().waitingForSeats());
        }
    }

    private void throughTheCommands(long seed, GraphEmulator emulator, StateConfig state, List<PolicySpec> kept, SettingsSpec settings,
            RunOptions options, Plan plan) {
        try {
            Path policies = Files.createDirectories(directory.resolve("policies-" + seed));
            Files.writeString(policies.resolve("policies.yaml"), yaml(kept, settings));
            Path planFile = directory.resolve("plan-" + seed + ".json");
            Path resultFile = directory.resolve("apply-" + seed + ".json");
            List<String> common = new ArrayList<>(List.of("--graph-url", emulator.baseUrl(), "--policies", policies.toString(),
                    "--state-url", state.url(), "--format", "json"));
            options.maxRemovals().ifPresent(limit -> common.addAll(List.of("--max-removals", Integer.toString(limit))));

            List<String> planArgs = new ArrayList<>(List.of("plan"));
            planArgs.addAll(common);
            planArgs.addAll(List.of("--out", planFile.toString()));
            assertThat(io.seatwarden.cli.Main.run(planArgs.toArray(String[]::new))).as("seed %d: plan's exit code", seed)
                    .isEqualTo(plan.hasChanges() ? 2 : 0);
            ByteArrayOutputStream rendered = new ByteArrayOutputStream();
            new JsonPlanRenderer().render(plan, rendered);
            ObjectMapper json = new ObjectMapper();
            assertThat(json.readTree(planFile.toFile())).as("seed %d: the plan command's JSON is the pipeline's plan", seed)
                    .isEqualTo(json.readTree(rendered.toByteArray()));

            List<String> applyArgs = new ArrayList<>(List.of("apply", "--yes", "--plan", planFile.toString()));
            applyArgs.addAll(common);
            applyArgs.addAll(List.of("--out", resultFile.toString()));
            int exit = io.seatwarden.cli.Main.run(applyArgs.toArray(String[]::new));
            JsonNode result = json.readTree(resultFile.toFile());
            assertThat(exit).as("seed %d: %s", seed, result.path("message").asText())
                    .isEqualTo(plan.summary().removalGuard().wouldTrip() ? 3 : 0);
            for (JsonNode change : result.path("changes")) {
                assertThat(change.path("status").asText()).as("seed %d: %s", seed, change).isIn("APPLIED", "HELD");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RunOptions plan(RunOptions apply) {
        RunOptions plan = RunOptions.plan();
        return apply.maxRemovals().isPresent() ? plan.withMaxRemovals(apply.maxRemovals().getAsInt()) : plan;
    }

    private TenantConnection connect(GraphEmulator emulator) {
        URI url = URI.create(emulator.baseUrl());
        return new TenantConnection(new GraphReaders(new CatalogLoader(), GraphClientOptions.defaults().withRetries(5, Duration.ZERO))
                .open(url, ProgressListener.NONE),
                new GraphLicenseWriter(GraphClientFactory.forWrites(url), new WritePace(WriteBudget.GRAPH, clock, clock),
                        new RetryPolicy(6, 4, Duration.ofMillis(100), Duration.ofSeconds(2)), clock, clock));
    }

    private static List<PolicySpec> specs(Random random, int groups) {
        List<PolicySpec> specs = new ArrayList<>();
        int count = 2 + random.nextInt(3);
        for (int p = 0; p < count; p++) {
            List<GrantSpec> grants = new ArrayList<>();
            int grantCount = 1 + random.nextInt(2);
            for (int k = 0; k < grantCount; k++) {
                grants.add(new GrantSpec(SKUS[random.nextInt(SKUS.length)], random.nextBoolean() ? PLANS[random.nextInt(PLANS.length)] : null,
                        random.nextInt(5) == 0));
            }
            specs.add(new PolicySpec("policy-" + p, "G" + random.nextInt(groups), random.nextInt(3) * 10,
                    random.nextBoolean() ? "US" : null, grants));
        }
        return specs;
    }

    private static PolicySet build(List<PolicySpec> specs, SettingsSpec settings) {
        TestingPolicies policies = TestingPolicies.policies();
        for (PolicySpec spec : specs) {
            policies.policy(spec.name(), spec.group()).priority(spec.priority());
            if (spec.usageLocation() != null) {
                policies.usageLocation(spec.usageLocation());
            }
            for (GrantSpec grant : spec.grants()) {
                policies.grant(grant.sku());
                if (grant.disabled() != null) {
                    policies.disabling(grant.disabled());
                }
                if (grant.prune()) {
                    policies.prune();
                }
            }
        }
        if (settings.reserveSku() != null) {
            policies.reserve(settings.reserveSku(), settings.reserveSeats());
        }
        policies.maxRemovals(settings.maxRemovals());
        if (settings.maxRemovalsPercent() != null) {
            policies.maxRemovalsPercent(settings.maxRemovalsPercent());
        }
        return policies.build();
    }

    /** The same policies as a policy file, for the commands. */
    private static String yaml(List<PolicySpec> specs, SettingsSpec settings) {
        StringBuilder yaml = new StringBuilder("policies:\n");
        for (PolicySpec spec : specs) {
            yaml.append("  - name: ").append(spec.name()).append("\n    group: ").append(spec.group())
                    .append("\n    priority: ").append(spec.priority()).append('\n');
            if (spec.usageLocation() != null) {
                yaml.append("    usageLocation: ").append(spec.usageLocation()).append('\n');
            }
            yaml.append("    licenses:\n");
            for (GrantSpec grant : spec.grants()) {
                yaml.append("      - sku: ").append(grant.sku()).append('\n');
                if (grant.disabled() != null) {
                    yaml.append("        disabledPlans: [").append(grant.disabled()).append("]\n");
                }
                if (grant.prune()) {
                    yaml.append("        prune: true\n");
                }
            }
        }
        yaml.append("settings:\n  maxRemovals: ").append(settings.maxRemovals()).append('\n');
        if (settings.maxRemovalsPercent() != null) {
            yaml.append("  maxRemovalsPercent: ").append(settings.maxRemovalsPercent()).append('\n');
        }
        if (settings.reserveSku() != null) {
            yaml.append("  reserve:\n    ").append(settings.reserveSku()).append(": ").append(settings.reserveSeats()).append('\n');
        }
        return yaml.toString();
    }

    /** Per user, the direct licenses and their disabled plans. */
    private static Map<UserId, Map<SkuId, Set<ServicePlanId>>> directLicenses(TenantSnapshot tenant) {
        Map<UserId, Map<SkuId, Set<ServicePlanId>>> result = new TreeMap<>();
        for (User user : tenant.users()) {
            Map<SkuId, Set<ServicePlanId>> licenses = new TreeMap<>();
            for (LicenseAssignment license : user.licenses()) {
                if (license.isDirect()) {
                    licenses.put(license.skuId(), new TreeSet<>(license.disabledPlans()));
                }
            }
            result.put(user.id(), licenses);
        }
        return result;
    }

    /** The tenant before, with the plan's changes made (its removals left out when the guard holds them). */
    private static Map<UserId, Map<SkuId, Set<ServicePlanId>>> expected(TenantSnapshot before, Plan plan, boolean removalsHeld) {
        Map<UserId, Map<SkuId, Set<ServicePlanId>>> expected = directLicenses(before);
        for (UserChange change : plan.changes()) {
            Map<SkuId, Set<ServicePlanId>> licenses = expected.get(change.userId());
            for (LicenseAdd add : change.addLicenses()) {
                licenses.put(add.skuId(), new TreeSet<>(add.disabledPlans()));
            }
            if (!removalsHeld) {
                for (LicenseRemoval removal : change.removeLicenses()) {
                    licenses.remove(removal.skuId());
                }
            }
        }
        return expected;
    }

    private static Map<UserId, String> locations(TenantSnapshot tenant) {
        Map<UserId, String> result = new TreeMap<>();
        for (User user : tenant.users()) {
            result.put(user.id(), String.valueOf(user.usageLocation()));
        }
        return result;
    }

    private static Map<UserId, String> expectedLocations(TenantSnapshot before, Plan plan) {
        Map<UserId, String> expected = locations(before);
        for (UserChange change : plan.changes()) {
            if (change.usageLocation() != null) {
                expected.put(change.userId(), change.usageLocation());
            }
        }
        return expected;
    }

    /** Users (by id) the apply sent an {@code assignLicense} that took effect, with how many. */
    private static Map<String, Integer> writtenUsers(GraphEmulator emulator, int skip) {
        Map<String, Integer> written = new TreeMap<>();
        List<RequestLog.Entry> writes = emulator.requestLog().entries("POST /users/{id}/assignLicense");
        for (RequestLog.Entry entry : writes.subList(skip, writes.size())) {
            if (entry.status() == 200) {
                Matcher user = USER_IN_PATH.matcher(entry.path());
                assertThat(user.find()).as(entry.path()).isTrue();
                written.merge(user.group(1), 1, Integer::sum);
            }
        }
        return written;
    }

    /** One {@code assignLicense} per user whose licenses the plan changes (held removals are not sent). */
    private static Map<String, Integer> usersWithLicenseWrites(Plan plan, boolean removalsHeld) {
        Map<String, Integer> expected = new HashMap<>();
        for (UserChange change : plan.changes()) {
            if (!change.addLicenses().isEmpty() || (!removalsHeld && !change.removeLicenses().isEmpty())) {
                expected.put(change.userId().value(), 1);
            }
        }
        return new TreeMap<>(expected);
    }
}
