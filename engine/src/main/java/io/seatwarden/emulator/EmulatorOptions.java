package io.seatwarden.emulator;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How a {@link GraphEmulator} behaves. Start from {@link #defaults()} and change what a test needs:
 * <pre>{@code
 * EmulatorOptions options = EmulatorOptions.defaults().withPageSize(5).withThrottle(50);
 * }</pre>
 *
 * @param port TCP port on 127.0.0.1; 0 picks a free one
 * @param pageSize items per page when the client gives no {@code $top} (Graph: 100)
 * @param throttleUnits read budget in resource units per 10 s (0 = no throttling); every request is
 *     charged its documented cost (graph-facts §7.1), writes one unit each
 * @param writeBudget the directory write quota (Graph: 3,000 writes per 150 s per app and tenant), if modelled
 * @param latency added once per HTTP request (once per {@code $batch}, not per item)
 * @param failRate share of requests (0..1) that fail: half 503 before anything happens, half 504 after
 *     the request took effect
 * @param seed seed of the random draws behind {@code failRate}, so that runs are reproducible
 * @param countWarningSeats whether {@code assignLicense} may hand out seats in {@code prepaidUnits.warning};
 *     Graph's behaviour is undocumented; the default (false) only hands out {@code enabled} seats
 * @param save where the tenant is written back (tenant-file format) when the emulator closes
 * @param clock time source of throttling budgets and of timestamps; tests may pass a controllable clock
 * @param threads request-handling threads
 * @param replicationLag how long after a write reads still see the previous state (Graph documents a lag for
 *     list reads, the advanced-query index and a read right after a write, without a figure); zero: none
 * @param licensingDelay how long after a group's {@code assignLicense} its members are processed (Entra: minutes);
 *     zero: on the next request
 * @param requestLogLimit how many entries the {@link RequestLog} keeps (the oldest go first); tests keep all,
 *     the {@code emulator} command only the latest, so that a long-running emulator does not fill memory
 */
public record EmulatorOptions(
        int port,
        int pageSize,
        int throttleUnits,
        Optional<WriteBudget> writeBudget,
        Duration latency,
        double failRate,
        long seed,
        boolean countWarningSeats,
        Optional<Path> save,
        Clock clock,
        int threads,
        int requestLogLimit,
        Duration replicationLag,
        Duration licensingDelay) {
    public EmulatorOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        if (pageSize < 1 || pageSize > 999) {
            throw new IllegalArgumentException("page size must be 1..999");
        }
        if (throttleUnits < 0) {
            throw new IllegalArgumentException("throttle must not be negative");
        }
        requireNonNull(writeBudget, "writeBudget is null");
        requireNonNull(latency, "latency is null");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative");
        }
        if (!(failRate >= 0 && failRate <= 1)) {
            throw new IllegalArgumentException("fail rate must be between 0 and 1");
        }
        requireNonNull(save, "save is null");
        requireNonNull(clock, "clock is null");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        if (requestLogLimit < 1) {
            throw new IllegalArgumentException("request log limit must be at least 1");
        }
        requireNonNull(replicationLag, "replicationLag is null");
        if (replicationLag.isNegative()) {
            throw new IllegalArgumentException("replication lag must not be negative");
        }
        requireNonNull(licensingDelay, "licensingDelay is null");
        if (licensingDelay.isNegative()) {
            throw new IllegalArgumentException("licensing delay must not be negative");
        }
    }

    /** Any free port, pages of 100, no throttling, no latency, no failures. */
    public static EmulatorOptions defaults() {
        return new EmulatorOptions(0, 100, 0, Optional.empty(), Duration.ZERO, 0, 1L, false, Optional.empty(),
                Clock.systemUTC(), 16, Integer.MAX_VALUE, Duration.ZERO, Duration.ZERO);
    }

    public EmulatorOptions withPort(int newPort) {
        return new EmulatorOptions(newPort, pageSize, throttleUnits, writeBudget, latency, failRate, seed,
                countWarningSeats, save, clock, threads, requestLogLimit, replicationLag, licensingDelay);
    }

    public EmulatorOptions withPageSize(int newPageSize) {
        return new EmulatorOptions(port, newPageSize, throttleUnits, writeBudget, latency, failRate, seed,
                countWarningSeats, save, clock, threads, requestLogLimit, replicationLag, licensingDelay);
    }

    public EmulatorOptions withThrottle(int units) {
        return new EmulatorOptions(port, pageSize, units, writeBudget, latency, failRate, seed,
                countWarningSeats, save, clock, threads, requestLogLimit, replicationLag, licensingDelay);
    }

    public EmulatorOptions withWriteBudget(WriteBudget budget) {
        return new EmulatorOptions(port, pageSize, throttleUnits, Optional.of(budget), latency, failRate, seed,
                countWarningSeats, save, clock, threads, requestLogLimit, replicationLag, licensingDelay);
    }

    public EmulatorOptions withLatency(Duration newLatency) {
        return new EmulatorOptions(port, pageSize, throttleUnits, writeBudget, newLatency, failRate, seed,
                countWarningSeats, save, clock, threads, requestLogLimit, replicationLag, licensingDelay);
    }

    public EmulatorOptions withFailRate(double rate, long newSeed) {
        return new EmulatorOptions(port, pageSize, throttleUnits, writeBudget, latency, rate, newSeed,
                countWarningSeats, save, clock, threads, requestLogLimit, replicationLag, licensingDelay);
    }

    public EmulatorOptions withCountWarningSeats(boolean count) {
        return new EmulatorOptions(port, pageSize, throttleUnits, writeBudget, latency, failRate, seed,
                count, save, clock, threads, requestLogLimit, replicationLag, licensingDelay);
    }

    public EmulatorOptions withSave(Path path) {
        return new EmulatorOptions(port, pageSize, throttleUnits, writeBudget, latency, failRate, seed,
                countWarningSeats, Optional.of(path), clock, threads, requestLogLimit, replicationLag, licensingDelay);
    }

    public EmulatorOptions withClock(Clock newClock) {
        return new EmulatorOptions(port, pageSize, throttleUnits, writeBudget, latency, failRate, seed,
                countWarningSeats, save, newClock, threads, requestLogLimit, replicationLag, licensingDelay);
    }

    public EmulatorOptions withRequestLogLimit(int limit) {
        return new EmulatorOptions(port, pageSize, throttleUnits, writeBudget, latency, failRate, seed,
                countWarningSeats, save, clock, threads, limit, replicationLag, licensingDelay);
    }

    public EmulatorOptions withReplicationLag(Duration lag) {
        return new EmulatorOptions(port, pageSize, throttleUnits, writeBudget, latency, failRate, seed,
                countWarningSeats, save, clock, threads, requestLogLimit, lag, licensingDelay);
    }

    public EmulatorOptions withLicensingDelay(Duration delay) {
        return new EmulatorOptions(port, pageSize, throttleUnits, writeBudget, latency, failRate, seed,
                countWarningSeats, save, clock, threads, requestLogLimit, replicationLag, delay);
    }

    /**
     * A write quota: at most {@code writes} writes per {@code window}, as a token bucket (Graph
     * documents its limits as token buckets): the bucket holds {@code writes} tokens, refills
     * continuously at {@code writes / window}, and each write takes one token. A full burst of
     * {@code writes} is allowed at once; after that, writes pass at the refill rate.
     * Graph's own value is {@link #GRAPH} (3,000 per 150 s per app and tenant).
     */
    public record WriteBudget(int writes, Duration window) {
        public static final WriteBudget GRAPH = new WriteBudget(3000, Duration.ofSeconds(150));

        public WriteBudget {
            if (writes < 1) {
                throw new IllegalArgumentException("write budget must allow at least one write");
            }
            requireNonNull(window, "window is null");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("write budget window must be positive");
            }
        }

        /** Parses {@code N/SECONDS}, e.g. {@code 3000/150}. */
        public static WriteBudget parse(String text) {
            int slash = text.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("write budget must be N/SECONDS, e.g. 3000/150: '" + text + "'");
            }
            try {
                return new WriteBudget(Integer.parseInt(text.substring(0, slash).trim()),
                        Duration.ofSeconds(Long.parseLong(text.substring(slash + 1).trim())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("write budget must be N/SECONDS, e.g. 3000/150: '" + text + "'", e);
            }
        }
    }
}
