package io.seatwarden.bench;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Wall time of the CLI's cold start (BENCHMARKS.md "CLI start-up"): {@code java -version}, then
 * {@code seatwarden.jar --version} and {@code plan --demo} in a fresh JVM each, without and with the
 * start-up archive, and {@link WarmPlan}'s in-process plans (first, second, fifth in one JVM). The cases
 * run round-robin, so a burst of load on the shared machine hits all of them alike.
 *
 * <pre>
 * ./mvnw -B -q -Pbench -pl engine test-compile
 * java -cp engine/target/test-classes io.seatwarden.bench.StartupBenchmark \
 *     [runs=15] [jar=engine/target/seatwarden.jar] [archive=engine/target/seatwarden.jsa] \
 *     [baseline=OLD.jar baselineArchive=OLD.jsa]
 * </pre>
 *
 * With a baseline (an older build's jar, and an archive made for it with
 * {@code java -XX:ArchiveClassesAtExit=OLD.jsa -jar OLD.jar plan --demo}), its rows run in the same rounds.
 */
public final class StartupBenchmark {
    private static final int PLAN_CHANGES_PENDING = 2;

    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, String> options = new LinkedHashMap<>(Map.of("runs", "15", "jar", "engine/target/seatwarden.jar",
                "archive", "engine/target/seatwarden.jsa"));
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            options.put(pair[0], pair[1]);
        }
        int runs = Integer.parseInt(options.get("runs"));
        String jar = Path.of(options.get("jar")).toAbsolutePath().toString();
        String archive = Path.of(options.get("archive")).toAbsolutePath().toString();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, Case> cases = new LinkedHashMap<>();
        cases.put("java -version", new Case(0, java, "-version"));
        Map<String, Case> warm = new LinkedHashMap<>();
        addJar(cases, warm, java, "", jar, archive);
        if (options.containsKey("baseline")) {
            addJar(cases, warm, java, "baseline: ", Path.of(options.get("baseline")).toAbsolutePath().toString(),
                    Path.of(options.get("baselineArchive")).toAbsolutePath().toString());
        }
        Map<String, List<List<Long>>> inProcess = new LinkedHashMap<>();

        System.out.printf("%s, %d runs of each, load average %.2f at the start%n", System.getProperty("java.vm.version"), runs,
                load());
        for (int run = 0; run < runs; run++) {
            for (Case each : cases.values()) {
                each.time();
            }
            for (Map.Entry<String, Case> each : warm.entrySet()) {
                inProcess.computeIfAbsent(each.getKey(), name -> new ArrayList<>()).add(each.getValue().inProcess());
            }
        }
        double loadAtEnd = load();

        long javaVersion = median(cases.get("java -version").millis);
        System.out.println();
        System.out.println("| fresh JVM each | median (ms) | min (ms) | median / java -version |");
        System.out.println("|---|---:|---:|---:|");
        cases.forEach((name, each) -> System.out.printf("| %s | %d | %d | %.1fx |%n", name, median(each.millis),
                min(each.millis), median(each.millis) / (double) javaVersion));
        System.out.println();
        System.out.println("| plan --demo inside one JVM (WarmPlan), medians | 1st (ms) | 2nd (ms) | 5th (ms) |");
        System.out.println("|---|---:|---:|---:|");
        inProcess.forEach((name, rows) -> System.out.printf("| %s | %d | %d | %d |%n", name, column(rows, 0), column(rows, 1),
                column(rows, 4)));
        System.out.printf("%nload average %.2f at the end%n", loadAtEnd);
    }

    /** The cold cases of one jar, and its in-process plans without and with its archive. */
    private static void addJar(Map<String, Case> cases, Map<String, Case> warm, String java, String prefix, String jar,
            String archive) {
        if (!Files.isRegularFile(Path.of(archive))) {
            throw new IllegalArgumentException("no archive " + archive + " (package without -Dcds.skip, or archive=FILE)");
        }
        String cds = "-XX:SharedArchiveFile=" + archive;
        String warmClasspath = jar + File.pathSeparator
                + Path.of(WarmPlan.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        cases.put(prefix + "--version", new Case(0, java, "-jar", jar, "--version"));
        cases.put(prefix + "--version, archive", new Case(0, java, cds, "-jar", jar, "--version"));
        cases.put(prefix + "plan --demo", new Case(PLAN_CHANGES_PENDING, java, "-jar", jar, "plan", "--demo"));
        cases.put(prefix + "plan --demo, archive", new Case(PLAN_CHANGES_PENDING, java, cds, "-jar", jar, "plan", "--demo"));
        warm.put(prefix + "without archive", new Case(0, java, "-cp", warmClasspath, WarmPlan.class.getName()));
        warm.put(prefix + "with archive", new Case(0, java, cds, "-cp", warmClasspath, WarmPlan.class.getName()));
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long column(List<List<Long>> rows, int index) {
        return median(rows.stream().map(row -> row.get(index)).toList());
    }

    private static long median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static long min(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).min().orElseThrow();
    }

    /** One command line, run again and again, with the exit code it must give. */
    private static final class Case {
        final List<String> command;
        final int exitCode;
        final List<Long> millis = new ArrayList<>();

        Case(int exitCode, String... command) {
            this.command = List.of(command);
            this.exitCode = exitCode;
        }

        void time() throws IOException, InterruptedException {
            long start = System.nanoTime();
            run(ProcessBuilder.Redirect.DISCARD);
            millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }

        /** WarmPlan's own figures: the milliseconds of each plan, one line. */
        List<Long> inProcess() throws IOException, InterruptedException {
            Path out = Files.createTempFile("warm-plan", ".txt");
            try {
                run(ProcessBuilder.Redirect.to(out.toFile()));
                return Arrays.stream(Files.readString(out).trim().split(" ")).map(Long::valueOf).toList();
            } finally {
                Files.delete(out);
            }
        }

        private void run(ProcessBuilder.Redirect out) throws IOException, InterruptedException {
            Process process = new ProcessBuilder(command).redirectOutput(out).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            int code = process.waitFor();
            if (code != exitCode) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + code + ", expected " + exitCode);
            }
        }
    }
}
