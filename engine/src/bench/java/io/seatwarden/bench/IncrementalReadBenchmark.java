package io.seatwarden.bench;

import com.microsoft.graph.models.AssignedLicense;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.assignlicense.AssignLicensePostRequestBody;
import io.seatwarden.directory.DeltaState;
import io.seatwarden.directory.GroupId;
import io.seatwarden.directory.ReadScope;
import io.seatwarden.directory.SnapshotStore;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.UserId;
import io.seatwarden.directory.file.TenantFile;
import io.seatwarden.directory.file.TenantFileMapper;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.GraphEmulator;
import io.seatwarden.graph.GraphClientFactory;
import io.seatwarden.graph.GraphClientOptions;
import io.seatwarden.graph.GraphCredentials;
import io.seatwarden.graph.GraphDirectoryReader;
import io.seatwarden.graph.IncrementalDirectoryReader;
import io.seatwarden.graph.ProgressListener;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Full against incremental reads (issue 10): the tenant of {@link GraphReadBenchmark}, served by the emulator
 * with a latency per request; a wet run's full read stores the snapshot and delta links, then a night's churn
 * (a share of the users: a third join a department, a third leave theirs, a sixth have a license edited, a
 * twelfth are new users, a twelfth are deleted), then the incremental read and, on the same tenant, a full
 * read, side by side: requests and wall time, and whether the snapshots are equal. Run (see BENCHMARKS.md):
 * <pre>
 * java -Xmx3g [-Dlatency=200] [-Dchurn=0.01] -cp ... io.seatwarden.bench.IncrementalReadBenchmark 100000
 * </pre>
 */
public final class IncrementalReadBenchmark {
    public static void main(String[] args) throws InterruptedException {
        int latencyMillis = Integer.getInteger("latency", 200);
        double[] churns = parse(System.getProperty("churn", "0.01,0.001"));
        System.out.printf("latency %d ms, %d cores, load average at start %.1f%n", latencyMillis, Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("| users | churn | changes | full read: requests | full read: wall (s) | incremental: requests (batch steps)"
                + " | incremental: wall (s) | incremental / full requests | what the incremental read did | equal |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---|:---:|");
        for (String arg : args) {
            int users = Integer.parseInt(arg.replace("_", ""));
            measure(GraphReadBenchmark.tenant(users), users, churns, latencyMillis);
        }
    }

    private static double[] parse(String text) {
        String[] parts = text.split(",");
        double[] result = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            result[i] = Double.parseDouble(parts[i].trim());
        }
        return result;
    }

    /**
     * One tenant, one wet full read, then a night per churn share: the churn, the incremental read (which
     * advances the links, as a wet run does), and a full read of the same tenant right after it.
     */
    private static void measure(TenantFile tenant, int users, double[] churns, int latencyMillis) throws InterruptedException {
        EmulatorOptions options = EmulatorOptions.defaults().withLatency(Duration.ofMillis(latencyMillis)).withPageSize(999);
        try (GraphEmulator emulator = GraphEmulator.start(tenant, options)) {
            GraphServiceClient client = GraphClientFactory.create(URI.create(emulator.baseUrl()), GraphCredentials.loopback(),
                    GraphClientOptions.defaults(), ProgressListener.NONE);
            GraphDirectoryReader full = new GraphDirectoryReader(client, name -> List.of(), ProgressListener.NONE);
            IncrementalDirectoryReader wet = IncrementalDirectoryReader.over(client, new InMemorySnapshots(),
                    IncrementalDirectoryReader.Mode.ADVANCE, name -> List.of(), Clock.systemUTC(), note -> { });
            ReadScope scope = new ReadScope(Set.of("All-Staff"), Set.of("ENTERPRISEPACK"), false);
            wet.read(scope); // the first wet run: full, stored
            Random random = new Random(7);
            for (double churn : churns) {
                int changes = churn(emulator, client, users, churn, random);

                emulator.requestLog().clear();
                long start = System.nanoTime();
                TenantSnapshot incremental = wet.read(scope);
                double incrementalSeconds = (System.nanoTime() - start) / 1e9;
                int incrementalRequests = emulator.requestLog().httpRequestCount();
                int batchSteps = emulator.requestLog().entries(entry -> entry.batchItem()).size();
                IncrementalDirectoryReader.ReadReport report = wet.lastRead().orElseThrow();

                emulator.requestLog().clear();
                start = System.nanoTime();
                TenantSnapshot fromFull = full.read(scope);
                double fullSeconds = (System.nanoTime() - start) / 1e9;
                int fullRequests = emulator.requestLog().httpRequestCount();
                boolean equal = TenantFileMapper.toFile(incremental).equals(TenantFileMapper.toFile(fromFull));
                System.out.printf("| %,d | %.1f%% | %,d | %,d | %.1f | %,d (%,d) | %.1f | %.3f | %s | %s |%n", users, churn * 100, changes,
                        fullRequests, fullSeconds, incrementalRequests, batchSteps, incrementalSeconds,
                        incrementalRequests / (double) fullRequests, report.incremental() ? report.reason() : "full: " + report.reason(),
                        equal ? "yes" : "NO");
            }
        }
    }

    /** {@code share} of the users changed, as the class comment says; returns the number of changes made. */
    private static int churn(GraphEmulator emulator, GraphServiceClient client, int users, double share, Random random)
            throws InterruptedException {
        int changes = Math.max(1, (int) Math.round(users * share));
        // License edits go through Graph's assignLicense (what delta then reports); at 200 ms a request, in parallel.
        java.util.concurrent.ExecutorService edits = java.util.concurrent.Executors.newFixedThreadPool(32);
        for (int i = 0; i < changes; i++) {
            int index = random.nextInt(users);
            UserId user = new UserId(String.format("00000000-0000-4000-8000-%012d", index));
            GroupId department = new GroupId(String.format("10000000-0000-4000-8000-%012d", random.nextInt(GraphReadBenchmark.DEPARTMENTS)));
            int kind = i % 12;
            boolean add = random.nextBoolean();
            try {
                if (kind < 4) {
                    emulator.state().addMember(department, user);
                } else if (kind < 8) {
                    GroupId own = new GroupId(String.format("10000000-0000-4000-8000-%012d", (index / 10) % GraphReadBenchmark.DEPARTMENTS));
                    emulator.state().removeMember(own, user);
                } else if (kind < 10) {
                    edits.execute(() -> license(client, user, add));
                } else if (kind == 10) {
                    String id = new UUID(0x7e57_0000_0000_4000L, random.nextLong() & Long.MAX_VALUE).toString();
                    emulator.state().createUser(new TenantFile.UserEntry(id, "new-" + id + "@contoso.test", "New " + i, "Member", null, null,
                            true, "US", null, List.of(), null));
                    emulator.state().addMember(department, id);
                } else {
                    emulator.state().deleteUser(user);
                }
            } catch (RuntimeException alreadyGone) {
                // a user deleted earlier in the night: that change is a no-op
            }
        }
        edits.shutdown();
        if (!edits.awaitTermination(1, java.util.concurrent.TimeUnit.HOURS)) {
            throw new IllegalStateException("license edits did not finish");
        }
        return changes;
    }

    private static void license(GraphServiceClient client, UserId user, boolean add) {
        AssignLicensePostRequestBody body = new AssignLicensePostRequestBody();
        UUID ems = UUID.fromString(GraphReadBenchmark.EMS);
        if (add) {
            AssignedLicense license = new AssignedLicense();
            license.setSkuId(ems);
            license.setDisabledPlans(List.of());
            body.setAddLicenses(List.of(license));
            body.setRemoveLicenses(List.of());
        } else {
            body.setAddLicenses(List.of());
            body.setRemoveLicenses(List.of(ems));
        }
        try {
            client.users().byUserId(user.value()).assignLicense().post(body);
        } catch (RuntimeException refused) {
            // Graph's 400 (no usage location, not held): no change
        }
    }

    /** The state's snapshot store, in memory. */
    private static final class InMemorySnapshots implements SnapshotStore {
        private final Map<TenantId, DeltaState> states = new ConcurrentHashMap<>();

        @Override
        public Optional<DeltaState> load(TenantId tenant) {
            return Optional.ofNullable(states.get(tenant));
        }

        @Override
        public void save(DeltaState state) {
            states.put(state.tenant(), state);
        }

        @Override
        public void forget(TenantId tenant) {
            states.remove(tenant);
        }
    }
}
