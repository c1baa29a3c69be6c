package io.seatwarden.reconcile;

import io.seatwarden.directory.DeltaReading;
import io.seatwarden.directory.DirectoryReader;
import io.seatwarden.directory.SnapshotStore;
import io.seatwarden.plan.Plan;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How one run reads the tenant: incrementally from the stored snapshot and Graph's delta links when the
 * tenant's reader can ({@link DeltaReading}; a dry run only follows the links, a wet run also stores), else
 * as the reader is. Each read is reported to the run's progress; a full read that replaced an incremental one
 * because something was in doubt also becomes a warning of the plan, so every report says so.
 */
final class RunReads {
    private final DirectoryReader reader;
    private final List<String> doubts = new ArrayList<>();

    private RunReads(DirectoryReader reader) {
        this.reader = reader;
    }

    /** @param store empty for a dry run without a state database: then every read is a full one */
    static RunReads of(RunRequest request, Optional<SnapshotStore> store, InstantSource clock) {
        DirectoryReader plain = request.tenant().reader();
        if (!(plain instanceof DeltaReading capable) || store.isEmpty()) {
            return new RunReads(plain);
        }
        RunReads[] reads = new RunReads[1];
        reads[0] = new RunReads(capable.incremental(store.get(), request.options().dryRun(), request.options().fullRead(), clock, note -> {
            request.progress().read(note);
            if (note.doubtful()) {
                reads[0].doubts.add("the tenant was read in full: " + note.reason());
            }
        }));
        return reads[0];
    }

    DirectoryReader reader() {
        return reader;
    }

    /** The plan with the run's doubtful full reads among its warnings. */
    Plan annotate(Plan plan) {
        return doubts.isEmpty() ? plan : plan.withWarnings(List.copyOf(doubts));
    }
}
