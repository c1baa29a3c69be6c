package io.seatwarden.directory.file;

import io.seatwarden.directory.TenantSnapshot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A snapshot as compact bytes for the engine's state: the tenant-file JSON ({@link TenantFiles}), gzip-compressed
 * (directory JSON is repetitive: ids and property names compress about tenfold).
 */
public final class SnapshotCodec {
    private final TenantFiles files = new TenantFiles();

    public byte[] encode(TenantSnapshot snapshot) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, 1 << 16)) {
            files.write(TenantFileMapper.toFile(snapshot), gzip, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a snapshot", e);
        }
        return bytes.toByteArray();
    }

    /** @throws TenantFileException when the bytes are not a snapshot this codec wrote */
    public TenantSnapshot decode(byte[] encoded) {
        try {
            return files.read(() -> new GZIPInputStream(new ByteArrayInputStream(encoded), 1 << 16), "stored snapshot", false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode the stored snapshot", e);
        }
    }
}
