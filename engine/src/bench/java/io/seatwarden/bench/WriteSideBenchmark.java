package io.seatwarden.bench;

import com.microsoft.graph.models.AssignedLicense;
import com.microsoft.graph.models.User;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.assignlicense.AssignLicensePostRequestBody;
import io.seatwarden.catalog.CatalogLoader;
import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.directory.CapabilityStatus;
import io.seatwarden.directory.Group;
import io.seatwarden.directory.GroupId;
import io.seatwarden.directory.PrepaidUnits;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.SubscribedSku;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.UserId;
import io.seatwarden.directory.file.TenantFile;
import io.seatwarden.directory.file.TenantFileMapper;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.GraphEmulator;
import io.seatwarden.emulator.RequestLog;
import io.seatwarden.graph.GraphClientFactory;
import io.seatwarden.graph.GraphLicenseWriter;
import io.seatwarden.graph.GraphReaders;
import io.seatwarden.graph.ProgressListener;
import io.seatwarden.graph.RetryPolicy;
import io.seatwarden.graph.Sleeper;
import io.seatwarden.graph.WriteBudget;
import io.seatwarden.graph.WritePace;
import io.seatwarden.policy.LicenseGrant;
import io.seatwarden.policy.Policy;
import io.seatwarden.policy.PolicySet;
import io.seatwarden.policy.Settings;
import io.seatwarden.policy.SourceLocation;
import io.seatwarden.reconcile.ApplyProgress;
import io.seatwarden.reconcile.ChangeOutcome;
import io.seatwarden.reconcile.ChangeStatus;
import io.seatwarden.reconcile.ReconcileRun;
import io.seatwarden.reconcile.RunOptions;
import io.seatwarden.reconcile.RunRequest;
import io.seatwarden.reconcile.RunResult;
import io.seatwarden.reconcile.TenantConnection;
import io.seatwarden.state.StateConfig;
import io.seatwarden.state.StateStore;
import io.seatwarden.state.StateStores;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Write side: changes per second of {@code apply} (ReconcileRun: read, plan, journal in H2, paced
 * {@code $batch} writes) against the emulator enforcing a write budget, as a share of that budget's
 * ceiling, and the 429s it earned; beside it, a naive sequential loop (per user: read its licenses,
 * then assignLicense, one request at a time) on the same emulator. Both with the same per-request
 * latency. Run (see BENCHMARKS.md):
 * <pre>
 * ./mvnw -B -Pbench -pl engine test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.seatwarden.bench.WriteSideBenchmark -Dexec.args="1200 200 300/15 200"
 * </pre>
 * Arguments: users for the engine, users for the naive loop, the budget (writes/seconds, Graph's is
 * 3000/150: the same 20 writes/s), latency in ms.
 */
public final class WriteSideBenchmark {
    private static final SkuId E3 = SkuId.of("6fd2c87f-b296-42f0-b197-1e91e994b900");

    private WriteSideBenchmark() {}

    public static void main(String[] args) throws Exception {
        int engineUsers = args.length > 0 ? Integer.parseInt(args[0]) : 1200;
        int naiveUsers = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        String[] budgetText = (args.length > 2 ? args[2] : "300/15").split("/");
        int latencyMillis = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        int writes = Integer.parseInt(budgetText[0]);
        Duration window = Duration.ofSeconds(Long.parseLong(budgetText[1]));
        Duration latency = Duration.ofMillis(latencyMillis);
        double ceiling = writes / (double) window.toSeconds();

        System.out.printf(Locale.ROOT, "write budget %d per %d s (ceiling %.1f writes/s), latency %d ms%n", writes, window.toSeconds(),
                ceiling, latencyMillis);
        engine(engineUsers, writes, window, latency, ceiling);
        naive(naiveUsers, writes, window, latency, ceiling);
    }

    private static void engine(int users, int writes, Duration window, Duration latency, double ceiling) throws Exception {
        EmulatorOptions options = EmulatorOptions.defaults().withLatency(latency)
                .withWriteBudget(new EmulatorOptions.WriteBudget(writes, window));
        Path stateDirectory = Files.createTempDirectory("seatwarden-bench");
        Clock clock = Clock.systemUTC();
        try (GraphEmulator emulator = GraphEmulator.start(tenant(users), options);
             StateStore state = new StateStores(clock).open(StateConfig.h2File(stateDirectory.resolve("state")))) {
            URI url = URI.create(emulator.baseUrl());
            TenantConnection connection = new TenantConnection(new GraphReaders(new CatalogLoader()).open(url, ProgressListener.NONE),
                    new GraphLicenseWriter(GraphClientFactory.forWrites(url), new WritePace(WriteBudget.of(writes, window), clock, Sleeper.system()),
                            RetryPolicy.defaults(), clock, Sleeper.system()));
            Timing timing = new Timing(clock);
            RunResult result = new ReconcileRun(state, ProductCatalog.empty(), clock)
                    .run(new RunRequest(connection, policies(), RunOptions.apply(), (plan, guard) -> true, timing));
            double seconds = Duration.between(timing.started, timing.finished).toMillis() / 1000.0;
            long applied = result.applied().orElseThrow().count(ChangeStatus.APPLIED);
            long throttled = emulator.requestLog().entries(entry -> entry.status() == 429).size();
            if (System.getenv("BENCH_DEBUG") != null) {
                emulator.requestLog().entries().forEach(entry -> System.out.println(entry.sequence() + " " + entry.time() + " " + entry.endpoint()
                        + " " + entry.status() + " " + entry.responseHeaders().getOrDefault("Retry-After", "")));
            }
            double windows = Math.max(1, seconds / window.toSeconds());
            // The server's bucket allows `writes` at once and then `ceiling` per second: the fastest
            // possible time for N writes is (N - writes) / ceiling.
            double best = Math.max(0, applied - writes) / ceiling;
            System.out.printf(Locale.ROOT, "engine: %d changes applied (%s) in %.1f s = %.1f changes/s overall; "
                            + "after the bucket's initial burst of %d, %.1f changes/s = %.1f%% of the %.1f/s ceiling; "
                            + "%d throttled (429) over %.1f windows; %d HTTP requests%n",
                    applied, result.outcome(), seconds, applied / seconds, writes, Math.max(0, applied - writes) / seconds,
                    100.0 * best / seconds, ceiling, throttled, windows, emulator.requestLog().httpRequestCount());
        }
    }

    private static void naive(int users, int writes, Duration window, Duration latency, double ceiling) {
        EmulatorOptions options = EmulatorOptions.defaults().withLatency(latency)
                .withWriteBudget(new EmulatorOptions.WriteBudget(writes, window));
        try (GraphEmulator emulator = GraphEmulator.start(tenant(users), options)) {
            GraphServiceClient client = GraphClientFactory.forWrites(URI.create(emulator.baseUrl()));
            Instant start = Instant.now();
            int applied = 0;
            for (int i = 1; i <= users; i++) {
                String id = userId(i).value();
                User user = client.users().byUserId(id).get(config -> config.queryParameters.select = new String[] {"id", "assignedLicenses"});
                boolean holds = user.getAssignedLicenses() != null
                        && user.getAssignedLicenses().stream().anyMatch(license -> E3.value().equals(license.getSkuId()));
                if (!holds) {
                    AssignedLicense license = new AssignedLicense();
                    license.setSkuId(E3.value());
                    license.setDisabledPlans(List.of());
                    AssignLicensePostRequestBody body = new AssignLicensePostRequestBody();
                    body.setAddLicenses(List.of(license));
                    body.setRemoveLicenses(List.of());
                    client.users().byUserId(id).assignLicense().post(body);
                    applied++;
                }
            }
            double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            RequestLog log = emulator.requestLog();
            System.out.printf(Locale.ROOT, "naive loop: %d changes in %.1f s = %.2f changes/s = %.1f%% of the %.1f/s ceiling; "
                            + "%d throttled (429); %d HTTP requests%n", applied, seconds, applied / seconds, 100.0 * applied / seconds / ceiling,
                    ceiling, log.entries(entry -> entry.status() == 429).size(), log.httpRequestCount());
        }
    }

    /** One SKU with room for everyone, one group holding every user, nobody licensed yet. */
    private static TenantFile tenant(int users) {
        List<io.seatwarden.directory.User> list = new ArrayList<>();
        List<UserId> members = new ArrayList<>();
        for (int i = 1; i <= users; i++) {
            list.add(new io.seatwarden.directory.User(userId(i), String.format("user%06d@contoso.test", i), "User " + i, "Member", null, null,
                    true, "US", null, List.of()));
            members.add(userId(i));
        }
        SubscribedSku sku = new SubscribedSku(E3, "ENTERPRISEPACK", CapabilityStatus.ENABLED, new PrepaidUnits(users + 10, 0, 0, 0), 0,
                List.of(), "User");
        Group group = new Group(new GroupId("00000000-0000-4000-8000-00000000a11a"), "All-Staff", members, List.of(), List.of());
        return TenantFileMapper.toFile(new TenantSnapshot(TenantId.DEFAULT, List.of(sku), list, List.of(group)));
    }

    private static UserId userId(int i) {
        return new UserId(new UUID(0x1000_0000_0000_4000L, 0x8000_0000_0000_0000L | i).toString());
    }

    private static PolicySet policies() {
        SourceLocation here = SourceLocation.unknown("bench");
        return new PolicySet(List.of(new Policy("all-staff", "All-Staff", 0, Optional.empty(),
                List.of(new LicenseGrant("ENTERPRISEPACK", List.of(), Optional.empty(), false, here)), here)),
                new Settings(java.util.Map.of(), 50, java.util.OptionalInt.empty(), List.of(), false, false, Optional.empty(), here));
    }

    /** When the first change and the last change settled. */
    private static final class Timing implements ApplyProgress {
        private final Clock clock;
        Instant started;
        Instant finished;

        Timing(Clock clock) {
            this.clock = clock;
        }

        @Override
        public void started(int changes) {
            started = clock.instant();
        }

        @Override
        public void changeDone(ChangeOutcome outcome, int done, int total) {
            finished = clock.instant();
        }
    }
}
