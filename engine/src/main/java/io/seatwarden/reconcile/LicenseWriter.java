package io.seatwarden.reconcile;

import io.seatwarden.directory.UserId;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends license writes to a tenant and reads users back. The Graph room implements it ({@code io.seatwarden.graph.GraphLicenseWriter}); this package never imports that room.
 *
 * <p>Contract: {@link #write} returns one result per operation, in order, and never sends an
 * operation again once it took effect (an ambiguous failure is settled by reading the user back);
 * {@link WriteListener#sending} is called before every send and {@link WriteListener#settled} once
 * per operation. Not thread-safe.
 */
public interface LicenseWriter {
    List<WriteResult> write(List<WriteOperation> operations, WriteListener listener) throws InterruptedException;

    /**
     * Reads users back; a user that does not exist maps to empty.
     *
     * @throws GraphReadBackException when a user cannot be read even after retrying
     */
    Map<UserId, Optional<UserLicenses>> readBack(Collection<UserId> users) throws InterruptedException;

    /** Counts since the writer was made. */
    WriterStats stats();
}
