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
    public static void main(String[] args) {
        int latencyMillis = Integer.getInteger("latency", 200);
        double[] churns = parse(System.getProperty("churn", "0.01,0.001"));
        System.out.println("| users | churn | changes | full read: requests | full read: wall (s) | incremental: requests | incremental: wall (s)"
                + " | what the incremental read did | equal |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|:---:|");
        for (String arg : args) {
            int users = Integer.parseInt(arg.replace("_", ""));
            TenantFile tenant = GraphReadBenchmark.tenant(users);
            for (double churn : churns) {
                measure(tenant, users, churn, latencyMillis);
            }
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

    private static void measure(TenantFile tenant, int users, double churn, int latencyMillis) {
        EmulatorOptions options = EmulatorOptions.defaults().withLatency(Duration.ofMillis(latencyMillis)).withPageSize(999);
        try (GraphEmulator emulator = GraphEmulator.start(tenant, options)) {
            GraphServiceClient client = GraphClientFactory.create(URI.create(emulator.baseUrl()), GraphCredentials.loopback(),
                    GraphClientOptions.defaults(), ProgressListener.NONE);
            GraphDirectoryReader full = new GraphDirectoryReader(client, name -> List.of(), ProgressListener.NONE);
            IncrementalDirectoryReader wet = IncrementalDirectoryReader.over(client, new InMemorySnapshots(),
                    IncrementalDirectoryReader.Mode.ADVANCE, name -> List.of(), Clock.systemUTC(), note -> { });
            ReadScope scope = new ReadScope(Set.of("All-Staff"), Set.of("ENTERPRISEPACK"), false);
            wet.read(scope); // the first wet run: full, stored
            int changes = churn(emulator, client, users, churn);

            emulator.requestLog().clear();
            long start = System.nanoTime();
            TenantSnapshot incremental = wet.read(scope);
            double incrementalSeconds = (System.nanoTime() - start) / 1e9;
            int incrementalRequests = emulator.requestLog().count();
            IncrementalDirectoryReader.ReadReport report = wet.lastRead().orElseThrow();

            emulator.requestLog().clear();
            start = System.nanoTime();
            TenantSnapshot fromFull = full.read(scope);
            double fullSeconds = (System.nanoTime() - start) / 1e9;
            int fullRequests = emulator.requestLog().count();
            boolean equal = TenantFileMapper.toFile(incremental).equals(TenantFileMapper.toFile(fromFull));
            System.out.printf("| %,d | %.1f%% | %,d | %d | %.1f | %d | %.1f | %s | %s |%n", users, churn * 100, changes, fullRequests, fullSeconds,
                    incrementalRequests, incrementalSeconds, report.incremental() ? report.reason() : "full: " + report.reason(),
                    equal ? "yes" : "NO");
        }
    }

    /** {@code share} of the users changed, as the class comment says; returns the number of changes made. */
    private static int churn(GraphEmulator emulator, GraphServiceClient client, int users, double share) {
        Random random = new Random(7);
        int changes = Math.max(1, (int) Math.round(users * share));
        for (int i = 0; i < changes; i++) {
            int index = random.nextInt(users);
            UserId user = new UserId(String.format("00000000-0000-4000-8000-%012d", index));
            GroupId department = new GroupId(String.format("10000000-0000-4000-8000-%012d", random.nextInt(GraphReadBenchmark.DEPARTMENTS)));
            int kind = i % 12;
            try {
                if (kind < 4) {
                    emulator.state().addMember(department, user);
                } else if (kind < 8) {
                    GroupId own = new GroupId(String.format("10000000-0000-4000-8000-%012d", (index / 10) % GraphReadBenchmark.DEPARTMENTS));
                    emulator.state().removeMember(own, user);
                } else if (kind < 10) {
                    license(client, user, random.nextBoolean());
                } else if (kind == 10) {
                    String id = new UUID(0x7e57_0000_0000_4000L, i).toString();
                    emulator.state().createUser(new TenantFile.UserEntry(id, "new" + i + "@contoso.test", "New " + i, "Member", null, null,
                            true, "US", null, List.of(), null));
                    emulator.state().addMember(department, id);
                } else {
                    emulator.state().deleteUser(user);
                }
            } catch (RuntimeException alreadyGone) {
                // a user deleted earlier in the night: that change is a no-op
            }
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
