package io.seatwarden.schedule;

import io.seatwarden.metrics.SkuFigures;
import io.seatwarden.state.GraphTraffic;
import io.seatwarden.state.RunOutcome;
import io.seatwarden.state.RunCounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reconciler that "applies" a fixed number of user changes, each taking {@code perUser} of real
 * time, and honours the cancellation contract: it checks between users, finishes the user in
 * flight, and reports INTERRUPTED. Thread-safe.
 */
public final class TestingTenantReconciler implements TenantReconciler {
    private final int users;
    private final Duration perUser;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger usersApplied = new AtomicInteger();
    private final List<RunContext> contexts = new ArrayList<>();

    public TestingTenantReconciler(int users, Duration perUser) {
        this.users = users;
        this.perUser = perUser;
    }

    @Override
    public RunSummary reconcile(TenantTarget tenant, RunContext context) {
        calls.incrementAndGet();
        synchronized (contexts) {
            contexts.add(context);
        }
        int done = 0;
        for (int user = 0; user < users; user++) {
            if (context.cancellation().isRequested()) {
                return summary(RunOutcome.INTERRUPTED, done, "stopped between users after " + done + " of " + users);
            }
            pause();
            done++;
            usersApplied.incrementAndGet();
        }
        return summary(RunOutcome.APPLIED, done, "applied " + done + " changes to " + tenant.displayName());
    }

    private void pause() {
        if (perUser.isZero()) {
            return;
        }
        try {
            // Real time on purpose: what is tested is how Quartz schedules and stops real runs.
            Thread.sleep(perUser.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private RunSummary summary(RunOutcome outcome, int done, String message) {
        return new RunSummary(outcome, message, Map.of("add", done), List.of(new SkuFigures("ENTERPRISEPACK", 10, 3, 7, 0)), Map.of(),
                new GraphTraffic(done + 2L, Duration.ofMillis(250)), 0, new RunCounts(users, done, 0, 0, 0, 0));
    }

    public int calls() {
        return calls.get();
    }

    public int usersApplied() {
        return usersApplied.get();
    }

    public List<RunContext> contexts() {
        synchronized (contexts) {
            return List.copyOf(contexts);
        }
    }
}
