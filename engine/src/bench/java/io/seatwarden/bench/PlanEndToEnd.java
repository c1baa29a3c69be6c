package io.seatwarden.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code plan --tenant} against its floor, in one run so both see the same machine: alternately a child JVM
 * running {@link BareJsonPass} over the tenant file and a child JVM running
 * {@code java -XmxH -jar JAR plan --tenant DIR/tenant.json --policies DIR/policies --format json --out OUT},
 * each under {@code /usr/bin/time} for the wall time, the CPU time (all threads: the collector's and the compiler's
 * too) and the maximum resident set.
 *
 * <p>{@code PlanEndToEnd JAR DIR [RUNS] [HEAP]} (RUNS 3, HEAP 3g); the classpath of this class is the bare
 * pass's (Jackson and the bench classes). Prints each run, the medians and the ratio of the medians.
 */
public final class PlanEndToEnd {
    private static final Pattern TIME = Pattern.compile("WALL ([0-9.]+) CPU ([0-9.]+) ([0-9.]+) RSS ([0-9]+)");

    public static void main(String[] args) throws IOException, InterruptedException {
        Path jar = Path.of(args[0]);
        Path dir = Path.of(args[1]);
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String heap = args.length > 3 ? args[3] : "3g";
        Path tenant = dir.resolve("tenant.json");
        Path out = dir.resolve("plan.json");
        List<Double> bare = new ArrayList<>();
        List<Double> plan = new ArrayList<>();
        System.out.printf("tenant %s (%d MB), heap %s, load average %s%n", tenant, Files.size(tenant) / 1_000_000, heap, load());
        for (int run = 1; run <= runs; run++) {
            Measured floor = time(List.of("java", "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
                    BareJsonPass.class.getName(), tenant.toString()));
            Measured full = time(List.of("java", "-Xmx" + heap, "-jar", jar.toString(), "plan", "--tenant", tenant.toString(),
                    "--policies", dir.resolve("policies").toString(), "--format", "json", "--out", out.toString()));
            bare.add(floor.wall());
            plan.add(full.wall());
            System.out.printf("run %d: bare pass %.2f s (CPU %.2f s, %d MB RSS), plan %.2f s (CPU %.2f s, %d MB RSS, exit %d), ratio %.2f,"
                    + " load %s%n", run, floor.wall(), floor.cpu(), floor.rssKb() / 1024, full.wall(), full.cpu(), full.rssKb() / 1024,
                    full.exit(), full.wall() / floor.wall(), load());
        }
        double bareMedian = median(bare);
        double planMedian = median(plan);
        System.out.printf("median: bare pass %.2f s, plan %.2f s, ratio %.2f%n", bareMedian, planMedian, planMedian / bareMedian);
    }

    /** Wall time and CPU time (user and system, all threads) in seconds; maximum resident set in KiB. */
    private record Measured(double wall, double cpu, long rssKb, int exit) {}

    private static Measured time(List<String> command) throws IOException, InterruptedException {
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "WALL %e CPU %U %S RSS %M"));
        timed.addAll(command);
        Process process = new ProcessBuilder(timed).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(process.getErrorStream().readAllBytes());
        int exit = process.waitFor();
        Matcher matcher = TIME.matcher(err);
        if (!matcher.find()) {
            throw new IllegalStateException("no timing from " + command + ":\n" + err);
        }
        return new Measured(Double.parseDouble(matcher.group(1)), Double.parseDouble(matcher.group(2)) + Double.parseDouble(matcher.group(3)),
                Long.parseLong(matcher.group(4)), exit);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static String load() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }
}
