package io.seatwarden.bench;

import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.plan.Ownership;
import io.seatwarden.plan.Plan;
import io.seatwarden.plan.Planner;
import io.seatwarden.plan.ResolvedPolicies;
import io.seatwarden.plan.Resolver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The pure planner (resolve + plan) on generated tenants of 10k, 100k and 1M users, 10k groups and
 * 50 policies, in a 2 GiB heap. Target: 1M users in under 5 s on 2 cores, cost linear in users.
 * Run: {@code ./mvnw -B -Pbench -pl engine test-compile exec:exec -Dbench=PlannerBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class PlannerBenchmark {
    @Param({"10000", "100000", "1000000"})
    public int users;

    private LargeTenants.Generated generated;

    @Setup(Level.Trial)
    public void generate() {
        generated = LargeTenants.generate(users, 10_000, 50, 42);
    }

    @Benchmark
    public Plan resolveAndPlan() {
        ResolvedPolicies policies = new Resolver(ProductCatalog.empty()).resolve(generated.policies(), generated.tenant()).orThrow();
        return new Planner().plan(policies, generated.tenant(), Ownership.none());
    }
}
