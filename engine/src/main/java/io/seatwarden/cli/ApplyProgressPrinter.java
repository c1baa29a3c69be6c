package io.seatwarden.cli;

import io.seatwarden.directory.DeltaReading;
import io.seatwarden.reconcile.ApplyProgress;
import io.seatwarden.reconcile.ChangeOutcome;
import io.seatwarden.reconcile.ChangeStatus;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Prints an apply's progress to stderr: done/total with the rate, at most about once a second,
 * failures as they happen, and waits (write budget, Retry-After) of a second or more.
 */
final class ApplyProgressPrinter implements ApplyProgress {
    private static final Duration EVERY = Duration.ofSeconds(1);

    private final PrintStream err;
    private final Clock clock;
    private Instant started;
    private Instant lastLine = Instant.MIN;

    ApplyProgressPrinter(PrintStream err, Clock clock) {
        this.err = err;
        this.clock = clock;
    }

    @Override
    public void waitingForLease(String holder, Duration limit) {
        err.println("another run of this tenant holds its lease (" + holder + "): waiting up to " + limit.toSeconds()
                + " s for it to finish; the tenant is read once the lease is held");
    }

    @Override
    public void started(int changes) {
        started = clock.instant();
        err.println("applying " + changes + (changes == 1 ? " change" : " changes") + " ...");
    }

    @Override
    public void changeDone(ChangeOutcome outcome, int done, int total) {
        Instant now = clock.instant();
        if (outcome.status() == ChangeStatus.FAILED || outcome.status() == ChangeStatus.PARTIAL || outcome.status() == ChangeStatus.UNKNOWN) {
            err.println("  " + outcome.userPrincipalName() + ": " + outcome.status() + " " + outcome.detail());
        }
        if (done == total || Duration.between(lastLine, now).compareTo(EVERY) >= 0) {
            lastLine = now;
            double seconds = Math.max(0.001, Duration.between(started, now).toMillis() / 1000.0);
            err.println(String.format(Locale.ROOT, "  %d/%d done (%.1f changes/s)", done, total, done / seconds));
        }
    }

    @Override
    public void read(DeltaReading.ReadNote note) {
        err.println(note.text());
    }

    @Override
    public void waiting(Duration duration, String reason) {
        if (duration.compareTo(EVERY) >= 0) {
            err.println(String.format(Locale.ROOT, "  waiting %.1f s: %s", duration.toMillis() / 1000.0, reason));
        }
    }
}
