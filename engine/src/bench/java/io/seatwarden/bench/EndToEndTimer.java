package io.seatwarden.bench;

import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.file.TenantFile;
import io.seatwarden.directory.file.TenantFileMapper;
import io.seatwarden.directory.file.TenantFiles;

import java.nio.file.Path;

/**
 * Times reading a generated tenant file (the parse half of {@code plan --tenant}): streaming into a
 * snapshot, and, with "phases", parsing the file model and mapping it separately.
 */
public final class EndToEndTimer {
    public static void main(String[] args) {
        Path path = Path.of(args[0]);
        long start = System.nanoTime();
        TenantSnapshot tenant;
        if (args.length > 1 && args[1].equals("phases")) {
            TenantFile file = new TenantFiles().readFile(path);
            long parsed = System.nanoTime();
            System.out.printf("parsed the file model in %d ms%n", (parsed - start) / 1_000_000);
            tenant = TenantFileMapper.toSnapshot(file, path.toString());
            System.out.printf("mapped it in %d ms%n", (System.nanoTime() - parsed) / 1_000_000);
        } else {
            tenant = new TenantFiles().read(path);
        }
        long read = System.nanoTime();
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        System.out.printf("read %d users in %d ms; heap used after GC %d MB%n", tenant.users().size(),
                (read - start) / 1_000_000, (runtime.totalMemory() - runtime.freeMemory()) / 1_000_000);
    }
}
