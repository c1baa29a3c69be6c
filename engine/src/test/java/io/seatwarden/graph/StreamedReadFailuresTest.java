package io.seatwarden.graph;

import io.seatwarden.directory.DirectoryReadException;
import io.seatwarden.directory.DirectoryReader;
import io.seatwarden.directory.ReadScope;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.file.TenantFile;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.FaultPlan;
import io.seatwarden.emulator.GraphEmulator;
import io.seatwarden.emulator.RequestLog;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The pages the reader parses itself fail as the SDK's models failed: for the same fault on the same
 * request, {@link GraphDirectoryReader} throws the message {@link SdkModelDirectoryReader} (the reader
 * before) threw, on a first page (the SDK's ODataError mapping) and on a follow-up page (none, as the
 * SDK's PageIterator sends it); and a throttled follow-up page is retried after its Retry-After.
 */
class StreamedReadFailuresTest {
    private static final String USER_CAST = "/groups/{id}/members/microsoft.graph.user";

    @Test
    void aFirstPageThatStillFailsAfterRetriesFailsWithTheSameMessage() {
        String message = sameFailure(LargeGroupFixture.tenantWithHolderOutside(1500), LargeGroupFixture.scope(), () -> {
            AtomicInteger casts = new AtomicInteger();
            return request -> request.endpoint().equals(USER_CAST) && casts.incrementAndGet() <= 2;
        });
        assertThat(message).contains("members of group").contains("HTTP 503");
    }

    @Test
    void aFollowUpPageThatStillFailsAfterRetriesFailsWithTheSameMessage() {
        String message = sameFailure(LargeGroupFixture.tenantWithHolderOutside(1500), LargeGroupFixture.scope(), () -> {
            AtomicInteger casts = new AtomicInteger();
            return request -> request.endpoint().equals(USER_CAST) && casts.incrementAndGet() >= 2;
        });
        assertThat(message).contains("members of group").contains("HTTP 503");
    }

    @Test
    void aHoldersPageThatStillFailsAfterRetriesFailsWithTheSameMessage() {
        String message = sameFailure(LargeGroupFixture.tenantWithHolderOutside(1500), LargeGroupFixture.scope(), () -> {
            AtomicInteger pages = new AtomicInteger();
            return request -> request.endpoint().equals("/users") && pages.incrementAndGet() >= 2;
        });
        assertThat(message).contains("holders of SKU " + LargeGroupFixture.SKU).contains("HTTP 503");
    }

    @Test
    void aWholeTenantMembersPageThatStillFailsFailsWithTheSameMessage() {
        String message = sameFailure(LargeGroupFixture.tenant(1500), ReadScope.all(), () -> {
            AtomicInteger pages = new AtomicInteger();
            return request -> request.endpoint().equals("/groups/{id}/members") && pages.incrementAndGet() >= 2;
        });
        assertThat(message).contains("members of group").contains("HTTP 503");
    }

    @Test
    void aThrottledFollowUpPageIsRetriedAfterRetryAfter() {
        try (GraphEmulator emulator = GraphEmulator.start(LargeGroupFixture.tenant(2500), EmulatorOptions.defaults())) {
            AtomicInteger casts = new AtomicInteger();
            emulator.faults().on(request -> request.method().equals("GET") && request.endpoint().equals(USER_CAST)
                    && casts.incrementAndGet() == 2, 1, FaultPlan.Fault.throttle(Duration.ofSeconds(1)));
            TenantSnapshot snapshot = reader(emulator, GraphClientOptions.defaults(), false).read(LargeGroupFixture.scope());

            assertThat(snapshot.users()).hasSize(2500);
            List<RequestLog.Entry> pages = emulator.requestLog().entries("GET " + USER_CAST);
            assertThat(pages).extracting(RequestLog.Entry::status).containsExactly(200, 429, 200, 200);
            assertThat(pages.get(2).target()).isEqualTo(pages.get(1).target()).contains("$skiptoken=");
            assertThat(pages.get(2).header("ConsistencyLevel")).contains("eventual");
            assertThat(Duration.between(pages.get(1).time(), pages.get(2).time())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        }
    }

    /** Runs both readers, one request at a time, against the same fault (persistent 503s on what {@code faulty} matches). */
    private static String sameFailure(TenantFile tenant, ReadScope scope, java.util.function.Supplier<Predicate<FaultPlan.RequestInfo>> faulty) {
        String[] messages = new String[2];
        for (int which = 0; which < 2; which++) {
            try (GraphEmulator emulator = GraphEmulator.start(tenant, EmulatorOptions.defaults())) {
                Predicate<FaultPlan.RequestInfo> matches = faulty.get();
                emulator.faults().on(request -> request.method().equals("GET") && matches.test(request), 100,
                        FaultPlan.Fault.unavailable(Duration.ofSeconds(0)));
                DirectoryReader reader = reader(emulator, GraphClientOptions.defaults().withRetries(1, Duration.ZERO), which == 0);
                messages[which] = catchThrowableOfType(DirectoryReadException.class, () -> reader.read(scope)).getMessage();
            }
        }
        assertThat(messages[1]).as("the streamed reader's message").isEqualTo(messages[0]);
        return messages[1];
    }

    private static DirectoryReader reader(GraphEmulator emulator, GraphClientOptions options, boolean sdkModels) {
        var client = GraphClientFactory.create(URI.create(emulator.baseUrl()), GraphCredentials.loopback(), options, ProgressListener.NONE);
        return sdkModels ? new SdkModelDirectoryReader(client, name -> List.of(), ProgressListener.NONE, 1)
                : new GraphDirectoryReader(client, name -> List.of(), ProgressListener.NONE, 1);
    }
}
