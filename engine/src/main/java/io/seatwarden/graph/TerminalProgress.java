package io.seatwarden.graph;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * Progress of a read on one self-overwriting stderr line: users, pages, requests, throttling waits.
 * Redraws at most every {@value #REDRAW_MILLIS} ms (time from the injected clock), and always at the end.
 */
public final class TerminalProgress implements ProgressListener {
    static final long REDRAW_MILLIS = 200;

    private final PrintStream out;
    private final Clock clock;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger pages = new AtomicInteger();
    private final AtomicInteger users = new AtomicInteger();
    private final AtomicInteger waits = new AtomicInteger();
    private volatile long waitedMillis;
    private volatile String lastWait = "";
    private Instant lastDrawn = Instant.EPOCH;
    private boolean drawn;

    public TerminalProgress(PrintStream out, Clock clock) {
        this.out = requireNonNull(out, "out is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Progress on stderr when it is a terminal or when asked for; otherwise {@link ProgressListener#NONE}. */
    public static ProgressListener forStderr(boolean forced, Clock clock) {
        return forced || System.console() != null ? new TerminalProgress(System.err, clock) : NONE;
    }

    @Override
    public void requestSent() {
        requests.incrementAndGet();
        redraw(false);
    }

    @Override
    public void pageRead(String collection, int items) {
        pages.incrementAndGet();
        redraw(false);
    }

    @Override
    public void usersRead(int count) {
        users.set(count);
        redraw(false);
    }

    @Override
    public void waiting(int status, Duration wait) {
        waits.incrementAndGet();
        waitedMillis += wait.toMillis();
        lastWait = " (HTTP " + status + ", waiting " + seconds(wait.toMillis()) + ")";
        redraw(true);
    }

    @Override
    public void finished() {
        lastWait = "";
        redraw(true);
        synchronized (this) {
            if (drawn) {
                out.println();
                out.flush();
            }
        }
    }

    private synchronized void redraw(boolean always) {
        Instant now = clock.instant();
        if (!always && Duration.between(lastDrawn, now).toMillis() < REDRAW_MILLIS) {
            return;
        }
        lastDrawn = now;
        drawn = true;
        out.print("\rreading tenant: " + users.get() + " users, " + pages.get() + " pages, " + requests.get() + " requests"
                + (waits.get() == 0 ? "" : ", throttled " + waits.get() + "x for " + seconds(waitedMillis)) + lastWait + "\u001b[K");
        out.flush();
    }

    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
