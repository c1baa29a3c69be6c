package io.seatwarden.reconcile;

import java.time.Duration;
import java.util.List;

/**
 * Hears what the writer does, as it does it: the journal records each intent before it is sent and
 * each outcome after; the command shows progress. Called on the writer's thread.
 */
public interface WriteListener {
    /** Just before a batch goes out (first sends and retries alike). */
    default void sending(List<WriteOperation> operations) {}

    /** Once per operation, when its outcome is final for this run. */
    default void settled(WriteResult result) {}

    /** The writer is waiting: for the write budget, or for a 429's Retry-After. */
    default void waiting(Duration duration, String reason) {}

    static WriteListener none() {
        return new WriteListener() {};
    }
}
