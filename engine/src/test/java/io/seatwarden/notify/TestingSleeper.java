package io.seatwarden.notify;

import io.seatwarden.graph.Sleeper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A sleeper that only notes how long it was asked to wait. */
final class TestingSleeper implements Sleeper {
    private final List<Duration> waits = new ArrayList<>();

    @Override
    public synchronized void sleep(Duration duration) {
        waits.add(duration);
    }

    synchronized List<Duration> waits() {
        return List.copyOf(waits);
    }
}
