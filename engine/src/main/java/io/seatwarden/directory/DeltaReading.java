package io.seatwarden.directory;

import java.time.InstantSource;
import java.util.function.Consumer;

/**
 * A {@link DirectoryReader} that can also read only what changed since the last wet run (Graph's delta
 * queries), from the snapshot and links kept in {@code store}. The reconcile run asks for that reader;
 * readers without the ability (a tenant file) are used as they are.
 */
public interface DeltaReading {
    /**
     * @param readOnly a dry run: stored links are followed, nothing is stored
     * @param full read in full whatever is stored ({@code --full})
     * @param notes hears how each read went ("incremental read ...", "full read: reason")
     */
    DirectoryReader incremental(SnapshotStore store, boolean readOnly, boolean full, InstantSource clock, Consumer<ReadNote> notes);

    /**
     * How one read went: incremental, or full and why; {@code doubtful} when a full read replaced an
     * incremental one because something was in doubt (an expired link, a wider scope, another tenant...).
     */
    record ReadNote(boolean incremental, String reason, boolean doubtful) {
        public String text() {
            return (incremental ? "incremental read: " : "full read: ") + reason;
        }
    }
}
