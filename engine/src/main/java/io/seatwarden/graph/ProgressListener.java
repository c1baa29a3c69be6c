package io.seatwarden.graph;

import java.time.Duration;

/**
 * Hears how a long read is going: requests sent, pages read, users read, throttling waits. Called
 * from the reader's threads (several page chains are read at once), so implementations must be
 * thread-safe, quick, and must never throw.
 * {@link #NONE} ignores everything (tests, non-terminal runs).
 */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {};

    /** An HTTP request went out (retries included). */
    default void requestSent() {}

    /** A page of a collection was read; {@code items} on that page. */
    default void pageRead(String collection, int items) {}

    /** Distinct users read so far. */
    default void usersRead(int users) {}

    /** Graph answered {@code status} (429, 503, 504) and the request is retried after {@code wait}. */
    default void waiting(int status, Duration wait) {}

    /** The read finished (successfully or not); a terminal display ends its line. */
    default void finished() {}
}
