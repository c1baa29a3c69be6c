package io.seatwarden.bench;

import io.seatwarden.cli.Main;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code plan --demo} five times in one JVM through the CLI's entry point ({@link Main#run}), each a whole
 * command (injector, command line, read, plan, report); prints the milliseconds of each on one line.
 * The first is the cold plan without the JVM's own start; the later ones show what warming up is worth.
 * Run by {@link StartupBenchmark} on the class path {@code seatwarden.jar:engine/target/test-classes}.
 */
public final class WarmPlan {
    private static final int PLANS = 5;

    public static void main(String[] args) {
        PrintStream out = System.out;
        List<String> millis = new ArrayList<>();
        try (PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8)) {
            System.setOut(discard);
            System.setErr(discard);
            for (int i = 0; i < PLANS; i++) {
                long start = System.nanoTime();
                int code = Main.run("plan", "--demo");
                if (code != 2) {
                    throw new IllegalStateException("plan --demo exited " + code + ", expected 2");
                }
                millis.add(String.valueOf(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
            }
        }
        out.println(String.join(" ", millis));
    }
}
