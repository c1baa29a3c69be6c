package io.seatwarden.bench;

import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.seatwarden.directory.DirectoryReader;
import io.seatwarden.directory.ReadScope;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.file.TenantFile;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.GraphEmulator;
import io.seatwarden.graph.GraphClientFactory;
import io.seatwarden.graph.GraphClientOptions;
import io.seatwarden.graph.GraphCredentials;
import io.seatwarden.graph.GraphDirectoryReader;
import io.seatwarden.graph.ProgressListener;
import io.seatwarden.graph.SdkModelDirectoryReader;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Read side: requests and wall time for {@link GraphDirectoryReader} to read generated tenants
 * served by the in-process emulator with 20 ms latency per request, and the ratio of requests to a
 * lower bound (one {@code subscribedSkus} read plus every user in the snapshot once, in full pages
 * of 999). Run (see BENCHMARKS.md):
 * <pre>
 * ./mvnw -B -q -Pbench -pl engine test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
 * java -Xmx3g [-Dparallelism=4] [-Dlatency=20] [-Druns=2] [-Dreader=sdk-models,streamed] [-DoutsideHolders=true] \
 *     -cp engine/target/test-classes:engine/target/classes:$(cat engine/target/bench.classpath) \
 *     io.seatwarden.bench.GraphReadBenchmark 10000 100000
 * </pre>
 *
 * <p>The tenant: 90% of users in ten department groups nested in "All-Staff" (the group the policy
 * names), 10% in "Contractors" (named by no policy); 60% of all users hold ENTERPRISEPACK, the SKU
 * the policy grants, so the contractors who hold it are read as holders.
 */
public final class GraphReadBenchmark {
    static final String E3 = "6fd2c87f-b296-42f0-b197-1e91e994b900";
    static final String EMS = "efccb6f7-5641-4e0e-bd10-b4976e1bf68e";
    static final int DEPARTMENTS = 10;
    static final boolean OUTSIDE_HOLDERS = Boolean.parseBoolean(System.getProperty("outsideHolders", "true"));

    public static void main(String[] args) {
        int latencyMillis = Integer.getInteger("latency", 20);
        int runs = Integer.getInteger("runs", 2);
        List<String> readers = List.of(System.getProperty("reader", "sdk-models,streamed").split(","));
        System.out.printf("latency %d ms, parallelism %d%n", latencyMillis, parallelism());
        System.out.printf("| users | reader | users read | groups read | requests | lower bound | ratio | wall time (s)"
                + " | CPU, process (s) | CPU, emulator threads (s) | CPU, reader = process - emulator (s) | load average |%n");
        System.out.printf("|---:|:---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n");
        for (String arg : args) {
            int users = Integer.parseInt(arg.replace("_", ""));
            TenantFile tenant = tenant(users);
            for (String reader : readers) {
                for (int run = 1; run <= runs; run++) {
                    measure(tenant, users, reader, latencyMillis, run == runs);
                }
            }
        }
    }

    private static int parallelism() {
        return Integer.getInteger("parallelism", GraphDirectoryReader.DEFAULT_PARALLELISM);
    }

    /**
     * {@code streamed}: the engine's reader; {@code sdk-models}: the reader before issue 10 item 4
     * (every page through the SDK's models, the holders always read whole), kept in the tests.
     */
    private static DirectoryReader reader(String name, GraphServiceClient client) {
        return switch (name) {
            case "streamed" -> new GraphDirectoryReader(client, any -> List.of(), ProgressListener.NONE, parallelism());
            case "sdk-models" -> new SdkModelDirectoryReader(client, any -> List.of(), ProgressListener.NONE, parallelism());
            default -> throw new IllegalArgumentException("-Dreader: streamed or sdk-models, not " + name);
        };
    }

    private static void measure(TenantFile tenant, int users, String readerName, int latencyMillis, boolean print) {
        EmulatorOptions options = EmulatorOptions.defaults().withLatency(Duration.ofMillis(latencyMillis));
        try (GraphEmulator emulator = GraphEmulator.start(tenant, options)) {
            DirectoryReader reader = reader(readerName, GraphClientFactory.create(URI.create(emulator.baseUrl()),
                    GraphCredentials.loopback(), GraphClientOptions.defaults(), ProgressListener.NONE));
            ReadScope scope = new ReadScope(Set.of("All-Staff"), Set.of("ENTERPRISEPACK"), false);
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            Map<Long, Long> emulatorStart = emulatorThreadCpu();
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            TenantSnapshot snapshot = reader.read(scope);
            double seconds = (System.nanoTime() - start) / 1e9;
            double processCpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
            double emulatorCpu = 0;
            for (Map.Entry<Long, Long> thread : emulatorThreadCpu().entrySet()) {
                emulatorCpu += (thread.getValue() - emulatorStart.getOrDefault(thread.getKey(), 0L)) / 1e9;
            }
            double load = os.getSystemLoadAverage();
            int requests = emulator.requestLog().count();
            int lowerBound = 1 + (snapshot.users().size() + 998) / 999;
            if (print) {
                System.out.printf("| %,d | %s | %,d | %d | %d | %d | %.2f | %.1f | %.1f | %.1f | %.1f | %.1f |%n", users, readerName,
                        snapshot.users().size(), snapshot.groups().size(), requests, lowerBound, requests / (double) lowerBound, seconds,
                        processCpu, emulatorCpu, processCpu - emulatorCpu, load);
                System.out.println("  requests by endpoint: " + emulator.requestLog().countsByEndpoint());
            } else {
                System.out.printf("  (warm-up: %,d users, %s, %d requests, %.1f s)%n", users, readerName, requests, seconds);
            }
        }
    }

    /**
     * CPU time of the emulator's threads (its request handlers and the HTTP server's dispatcher), which
     * live as long as the emulator: the rest of the process's CPU is the reader's (and the JVM's GC and JIT).
     */
    private static Map<Long, Long> emulatorThreadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> result = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && (info.getThreadName().startsWith("graph-emulator") || info.getThreadName().startsWith("HTTP-Dispatcher"))) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu >= 0) {
                    result.put(info.getThreadId(), cpu);
                }
            }
        }
        return result;
    }

    static TenantFile tenant(int users) {
        Random random = new Random(42);
        List<TenantFile.UserEntry> entries = new ArrayList<>(users);
        List<List<String>> departments = new ArrayList<>();
        for (int d = 0; d < DEPARTMENTS; d++) {
            departments.add(new ArrayList<>());
        }
        List<String> contractors = new ArrayList<>();
        int e3Holders = 0;
        for (int i = 0; i < users; i++) {
            String id = String.format("00000000-0000-4000-8000-%012d", i);
            // -DoutsideHolders=false: the contractors hold no ENTERPRISEPACK, so every holder is in the policy's groups
            boolean holds = random.nextDouble() < 0.6 && (OUTSIDE_HOLDERS || i % 10 != 9);
            e3Holders += holds ? 1 : 0;
            List<TenantFile.License> licenses = new ArrayList<>();
            if (holds) {
                licenses.add(new TenantFile.License(E3, List.of()));
            }
            if (random.nextDouble() < 0.2) {
                licenses.add(new TenantFile.License(EMS, List.of()));
            }
            entries.add(new TenantFile.UserEntry(id, "user" + i + "@contoso.test", "User " + i,
                    random.nextDouble() < 0.02 ? "Guest" : "Member", null, null, random.nextDouble() >= 0.03,
                    random.nextDouble() < 0.05 ? null : "US", null, licenses, null));
            if (i % 10 == 9) {
                contractors.add(id);
            } else {
                departments.get((i / 10) % DEPARTMENTS).add(id);
            }
        }
        List<TenantFile.GroupEntry> groups = new ArrayList<>();
        List<String> nested = new ArrayList<>();
        for (int d = 0; d < DEPARTMENTS; d++) {
            String id = String.format("10000000-0000-4000-8000-%012d", d);
            groups.add(new TenantFile.GroupEntry(id, "Department " + d, departments.get(d), List.of()));
            nested.add(id);
        }
        groups.add(new TenantFile.GroupEntry("20000000-0000-4000-8000-000000000000", "All-Staff", nested, List.of()));
        groups.add(new TenantFile.GroupEntry("30000000-0000-4000-8000-000000000000", "Contractors", contractors, List.of()));
        List<TenantFile.Sku> skus = List.of(
                new TenantFile.Sku(E3, "ENTERPRISEPACK", "User", "Enabled", new TenantFile.Units(e3Holders + 100, 0, 0, 0), null, List.of()),
                new TenantFile.Sku(EMS, "EMS", "User", "Enabled", new TenantFile.Units(users, 0, 0, 0), null, List.of()));
        return new TenantFile("6c4f3a1e-2b1d-4d8e-9f00-00000000be5c", skus, entries, groups);
    }

}
