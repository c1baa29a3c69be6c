package io.seatwarden.graph;

import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.seatwarden.directory.ReadScope;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.file.TenantFile;
import io.seatwarden.directory.file.TenantFileMapper;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.GraphEmulator;
import io.seatwarden.plan.ReadScopes;
import io.seatwarden.testing.TenantGenerator;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 item 4: the reader that parses large pages itself (and stops the holders' chain when the
 * groups held them all) reads exactly the snapshot the reader that parsed every page through the Graph
 * SDK's models read ({@link SdkModelDirectoryReader}, kept verbatim as the reference). Over generated
 * tenants, through the real SDK and the emulator, with pages of 7 (long chains, prefetch on every page)
 * and Graph's 999, one request at a time and four chains at a time, for a policy set's scope and for
 * {@code snapshot --all}. Each case is reproducible from its seed.
 */
class StreamedReadEqualityTest {
    private static final int CASES = 24;

    @Test
    void readsTheSameSnapshotAsTheReaderThatParsedThroughTheSdk() {
        int users = 0;
        for (long seed = 0; seed < CASES; seed++) {
            TenantGenerator.Case generated = TenantGenerator.generate(seed);
            TenantFile file = TenantFileMapper.toFile(generated.tenant().build());
            ReadScope scope = ReadScopes.of(generated.policies().build());
            for (int pageSize : new int[] {7, 999}) {
                try (GraphEmulator emulator = GraphEmulator.start(file, EmulatorOptions.defaults().withPageSize(pageSize))) {
                    GraphServiceClient client = GraphClientFactory.create(URI.create(emulator.baseUrl()), GraphCredentials.loopback(),
                            GraphClientOptions.defaults(), ProgressListener.NONE);
                    for (ReadScope read : List.of(scope, ReadScope.all())) {
                        String what = "seed " + seed + ", pages of " + pageSize + ", " + (read.everything() ? "everything" : "scope");
                        TenantFile expected = TenantFileMapper.toFile(
                                new SdkModelDirectoryReader(client, name -> List.of(), ProgressListener.NONE, 4).read(read));
                        for (int parallelism : new int[] {1, 4}) {
                            TenantSnapshot streamed = new GraphDirectoryReader(client, name -> List.of(), ProgressListener.NONE, parallelism)
                                    .read(read);
                            assertThat(TenantFileMapper.toFile(streamed)).as(what + ", parallelism " + parallelism).isEqualTo(expected);
                        }
                        users += expected.users().size();
                    }
                }
            }
        }
        // the cases read users at all (an equality of empty snapshots would prove nothing)
        assertThat(users).isGreaterThan(CASES * 10);
    }
}
