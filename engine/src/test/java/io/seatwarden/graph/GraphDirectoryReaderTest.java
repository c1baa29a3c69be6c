package io.seatwarden.graph;

import io.seatwarden.directory.AbstractDirectoryReaderTest;
import io.seatwarden.directory.DirectoryReadException;
import io.seatwarden.directory.DirectoryReader;
import io.seatwarden.directory.ReadScope;
import io.seatwarden.directory.ReaderFixture;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.file.TenantFile;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.FaultPlan;
import io.seatwarden.emulator.GraphEmulator;
import io.seatwarden.emulator.RequestLog;
import io.seatwarden.plan.ReadScopes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.seatwarden.testing.TestingTenant.groupId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Graph reader through the real Graph SDK against the in-process emulator: the directory reader
 * contract, plus what only a Graph reader can get wrong (request counts, headers, retries, failures).
 */
class GraphDirectoryReaderTest extends AbstractDirectoryReaderTest {
    private final List<GraphEmulator> emulators = new ArrayList<>();

    @AfterEach
    void stopEmulators() {
        emulators.forEach(GraphEmulator::close);
    }

    private GraphEmulator emulator(TenantFile file, EmulatorOptions options) {
        GraphEmulator emulator = GraphEmulator.start(file, options);
        emulators.add(emulator);
        return emulator;
    }

    static DirectoryReader reader(GraphEmulator emulator, GraphClientOptions options) {
        return reader(emulator, options, GraphDirectoryReader.DEFAULT_PARALLELISM);
    }

    static DirectoryReader reader(GraphEmulator emulator, GraphClientOptions options, int parallelism) {
        URI url = URI.create(emulator.baseUrl());
        return new GraphDirectoryReader(GraphClientFactory.create(url, GraphCredentials.loopback(), options, ProgressListener.NONE),
                ReaderFixture.productNames(), ProgressListener.NONE, parallelism);
    }

    @Override
    protected DirectoryReader reader(TenantFile file) {
        return reader(emulator(file, EmulatorOptions.defaults()), GraphClientOptions.defaults());
    }

    private static List<String> targets(RequestLog log) {
        List<String> result = new ArrayList<>();
        log.entries().forEach(entry -> result.add(entry.method() + " " + entry.target()));
        return result;
    }

    @Test
    void readsSubscriptionsOnceAndOnlyTheGroupsThePoliciesReach() {
        GraphEmulator emulator = emulator(ReaderFixture.file(), EmulatorOptions.defaults());
        reader(emulator, GraphClientOptions.defaults()).read(ReadScopes.of(ReaderFixture.policies()));

        RequestLog log = emulator.requestLog();
        assertThat(log.count("GET /subscribedSkus")).isEqualTo(1);
        assertThat(log.count("GET /organization")).as("the tenant id comes from the SKU ids").isZero();
        // one lookup for both named groups, two cast reads per reached group (4 groups), one holders read per granted SKU (2)
        assertThat(log.count("GET /groups")).isEqualTo(1);
        assertThat(log.count("GET /groups/{id}/members/microsoft.graph.user")).isEqualTo(4);
        assertThat(log.count("GET /groups/{id}/members/microsoft.graph.group")).isEqualTo(4);
        assertThat(log.count("GET /users")).isEqualTo(2);
        assertThat(log.count()).isEqualTo(1 + 1 + 8 + 2);
        for (String unreached : List.of("Marketing", "Marketing-Inner", "Licensed")) {
            assertThat(targets(log)).noneMatch(target -> target.contains(groupId(unreached).value()));
        }
        assertThat(targets(log)).noneMatch(target -> target.contains("support-"));
    }

    @Test
    void sendsWhatGraphRequiresForCastsAndSelectsOnlyThePlannersFields() {
        GraphEmulator emulator = emulator(ReaderFixture.file(), EmulatorOptions.defaults());
        reader(emulator, GraphClientOptions.defaults()).read(ReadScopes.of(ReaderFixture.policies()));

        for (RequestLog.Entry entry : emulator.requestLog().entries(entry -> entry.endpoint().contains("/members/microsoft.graph."))) {
            assertThat(entry.header("ConsistencyLevel")).contains("eventual");
            assertThat(entry.query()).contains("$count=true").contains("$top=999");
            assertThat(entry.header("Authorization")).contains("Bearer " + GraphCredentials.LOOPBACK_TOKEN);
        }
        RequestLog.Entry holders = emulator.requestLog().entries("GET /users").get(0);
        assertThat(java.net.URLDecoder.decode(holders.query(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("$filter=assignedLicenses/any(x:x/skuId eq ")
                .contains("$select=id,userPrincipalName,displayName,userType,creationType,externalUserState,accountEnabled,"
                        + "usageLocation,onPremisesSyncEnabled,assignedLicenses,licenseAssignmentStates")
                .contains("$top=999");
        // Graph serves a license filter without them; they are sent so that Graph counts the holders (@odata.count)
        assertThat(holders.header("ConsistencyLevel")).contains("eventual");
        assertThat(holders.query()).contains("$count=true");
    }

    @Test
    void aMemberPageChainThatEndsEarlyIsAFailedRead() {
        GraphEmulator emulator = emulator(LargeGroupFixture.tenant(2500), EmulatorOptions.defaults());
        // the group's first page of users comes back without its @odata.nextLink: 999 of 2500 users, and no error
        emulator.faults().onNext("GET", "/groups/{id}/members/microsoft.graph.user", FaultPlan.Fault.dropNextLink());
        DirectoryReader reader = reader(emulator, GraphClientOptions.defaults());

        assertThatThrownBy(() -> reader.read(LargeGroupFixture.scope()))
                .isInstanceOf(DirectoryReadException.class)
                .hasMessageContaining("members of group 11111111-0000-0000-0000-000000000001")
                .hasMessageContaining("ended after 999 of the 2500 items Graph counts (@odata.count)");
        assertThat(emulator.requestLog().entries("GET /groups/{id}/members/microsoft.graph.user").get(0).responseBody())
                .contains("\"@odata.count\":2500").doesNotContain("@odata.nextLink");
    }

    @Test
    void aHolderPageChainThatEndsEarlyIsAFailedRead() {
        // one holder outside the group: the holders' chain is read to its end
        GraphEmulator emulator = emulator(LargeGroupFixture.tenantWithHolderOutside(2500), EmulatorOptions.defaults());
        // the second page of the SKU's holders comes back without its nextLink (the members read is whole)
        AtomicInteger holderPages = new AtomicInteger();
        emulator.faults().on(request -> request.method().equals("GET") && request.endpoint().equals("/users")
                && holderPages.incrementAndGet() == 2, 1, FaultPlan.Fault.dropNextLink());
        DirectoryReader reader = reader(emulator, GraphClientOptions.defaults(), 1);

        assertThatThrownBy(() -> reader.read(LargeGroupFixture.scope()))
                .isInstanceOf(DirectoryReadException.class)
                .hasMessageContaining("holders of SKU " + LargeGroupFixture.SKU)
                .hasMessageContaining("ended after 1998 of the 2500 items");
    }

    @Test
    void aWholeTenantReadThatEndsEarlyIsAFailedRead() {
        GraphEmulator emulator = emulator(LargeGroupFixture.tenant(1500), EmulatorOptions.defaults());
        emulator.faults().onNext("GET", "/users", FaultPlan.Fault.dropNextLink());
        DirectoryReader reader = reader(emulator, GraphClientOptions.defaults());

        assertThatThrownBy(() -> reader.read(ReadScope.all()))
                .isInstanceOf(DirectoryReadException.class)
                .hasMessageContaining("reading users from Graph failed")
                .hasMessageContaining("ended after 999 of the 1500 items");
    }

    @Test
    void pagesAtTheMinimumAndResendsTheHeaderOnEveryPage() {
        TenantFile big = LargeGroupFixture.tenantWithHolderOutside(2500);
        GraphEmulator emulator = emulator(big, EmulatorOptions.defaults());
        TenantSnapshot snapshot = reader(emulator, GraphClientOptions.defaults()).read(LargeGroupFixture.scope());

        assertThat(snapshot.users()).hasSize(2500);
        List<RequestLog.Entry> pages = emulator.requestLog().entries("GET /groups/{id}/members/microsoft.graph.user");
        assertThat(pages).hasSize(3); // ceil(2499 / 999)
        assertThat(pages).allSatisfy(page -> assertThat(page.header("ConsistencyLevel")).contains("eventual"));
        // one of the 2500 holders is outside the group, so the holders are read whole: ceil(2500 / 999) pages
        List<RequestLog.Entry> holders = emulator.requestLog().entries("GET /users");
        assertThat(holders).hasSize(3);
        assertThat(holders).allSatisfy(page -> assertThat(page.header("ConsistencyLevel")).contains("eventual"));
    }

    @Test
    void readsTheHoldersOnlyOnceWhenEveryHolderIsAMember() {
        GraphEmulator emulator = emulator(LargeGroupFixture.tenant(2500), EmulatorOptions.defaults());
        // one request at a time: the holders are read after the group, so the first page's count decides
        TenantSnapshot snapshot = reader(emulator, GraphClientOptions.defaults(), 1).read(LargeGroupFixture.scope());

        assertThat(snapshot.users()).hasSize(2500);
        assertThat(emulator.requestLog().count("GET /groups/{id}/members/microsoft.graph.user")).isEqualTo(3);
        // Graph counts 2500 holders and the group's 2500 members all hold the SKU: no holder is outside it
        List<RequestLog.Entry> holders = emulator.requestLog().entries("GET /users");
        assertThat(holders).hasSize(1);
        assertThat(holders.get(0).responseBody()).contains("\"@odata.count\":2500").contains("@odata.nextLink");
    }

    @Test
    void readsTheHoldersWholeWhenOneIsOutsideTheGroups() {
        GraphEmulator emulator = emulator(LargeGroupFixture.tenantWithHolderOutside(2500), EmulatorOptions.defaults());
        TenantSnapshot snapshot = reader(emulator, GraphClientOptions.defaults(), 1).read(LargeGroupFixture.scope());

        assertThat(snapshot.users()).hasSize(2500);
        assertThat(snapshot.users()).anySatisfy(user -> assertThat(user.id().value()).isEqualTo("00000000-0000-0000-0000-000000002499"));
        assertThat(emulator.requestLog().count("GET /users")).isEqualTo(3);
    }

    @Test
    void retriesThrottlingAfterRetryAfter() {
        GraphEmulator emulator = emulator(ReaderFixture.file(), EmulatorOptions.defaults());
        emulator.faults().onNext("GET", "/groups/{id}/members/microsoft.graph.user", FaultPlan.Fault.throttle(Duration.ofSeconds(1)));
        TenantSnapshot snapshot = reader(emulator, GraphClientOptions.defaults()).read(ReadScopes.of(ReaderFixture.policies()));

        assertThat(snapshot.users()).hasSize(7);
        RequestLog.Entry throttled = emulator.requestLog().entries("GET /groups/{id}/members/microsoft.graph.user").get(0);
        List<RequestLog.Entry> casts = emulator.requestLog().entries(entry -> entry.target().equals(throttled.target()));
        assertThat(casts).hasSize(2);
        assertThat(casts.get(0).status()).isEqualTo(429);
        assertThat(casts.get(0).responseHeader("Retry-After")).contains("1");
        assertThat(casts.get(1).status()).isEqualTo(200);
        assertThat(casts.get(1).target()).isEqualTo(casts.get(0).target());
        // a real server's timing is what is tested here: nothing is re-sent before Retry-After expires
        assertThat(Duration.between(casts.get(0).time(), casts.get(1).time())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void aReadThatStillFailsAfterRetriesAbortsTheRead() {
        GraphEmulator emulator = emulator(ReaderFixture.file(), EmulatorOptions.defaults());
        emulator.faults().onNext("GET", "/users", 100, FaultPlan.Fault.unavailable(Duration.ofSeconds(0)));
        DirectoryReader reader = reader(emulator, GraphClientOptions.defaults().withRetries(2, Duration.ZERO), 1);

        assertThatThrownBy(() -> reader.read(ReadScopes.of(ReaderFixture.policies())))
                .isInstanceOf(DirectoryReadException.class)
                .hasMessageContaining("HTTP 503")
                .hasMessageContaining("holders of SKU");
        assertThat(emulator.requestLog().count("GET /users")).isEqualTo(3); // the first try and two retries
    }

    @Test
    void aFailingNextPageAbortsTheRead() {
        TenantFile big = LargeGroupFixture.tenant(1500);
        GraphEmulator emulator = emulator(big, EmulatorOptions.defaults());
        // the second page of the group's users fails persistently
        emulator.faults().on(request -> request.method().equals("GET")
                && request.endpoint().equals("/groups/{id}/members/microsoft.graph.user")
                && request.sequence() > 3, 100, FaultPlan.Fault.unavailable(Duration.ofSeconds(0)));
        // one request at a time, so that the request numbers are known: SKUs, lookup, the group's first page, its second
        DirectoryReader reader = reader(emulator, GraphClientOptions.defaults().withRetries(1, Duration.ZERO), 1);

        assertThatThrownBy(() -> reader.read(LargeGroupFixture.scope()))
                .isInstanceOf(DirectoryReadException.class)
                .hasMessageContaining("members of group");
    }

    @Test
    void anUnreachableEndpointIsAReadFailureNotAnSdkException() {
        GraphEmulator emulator = emulator(ReaderFixture.file(), EmulatorOptions.defaults());
        String url = emulator.baseUrl();
        emulator.close();
        DirectoryReader reader = new GraphDirectoryReader(GraphClientFactory.create(URI.create(url), GraphCredentials.loopback(),
                GraphClientOptions.defaults().withRetries(0, Duration.ZERO), ProgressListener.NONE), ReaderFixture.productNames(), ProgressListener.NONE);

        assertThatThrownBy(() -> reader.read(ReadScopes.of(ReaderFixture.policies())))
                .isExactlyInstanceOf(DirectoryReadException.class)
                .hasMessageContaining("subscribedSkus");
    }

    @Test
    void readsThroughGraphsThrottlingModel() {
        // A budget of 16 resource units per 10 s: the read (about 20 units) must wait out 429s.
        GraphEmulator emulator = emulator(ReaderFixture.file(), EmulatorOptions.defaults().withThrottle(16));
        TenantSnapshot snapshot = reader(emulator, GraphClientOptions.defaults()).read(ReadScopes.of(ReaderFixture.policies()));

        assertThat(snapshot.users()).hasSize(7);
        List<RequestLog.Entry> throttled = emulator.requestLog().entries(entry -> entry.status() == 429);
        assertThat(throttled).isNotEmpty();
        for (RequestLog.Entry rejection : throttled) {
            long wait = Long.parseLong(rejection.responseHeader("Retry-After").orElseThrow());
            // the same request again, not before Retry-After expired
            RequestLog.Entry retry = emulator.requestLog().entries(entry -> entry.sequence() > rejection.sequence()
                    && entry.target().equals(rejection.target())).get(0);
            assertThat(Duration.between(rejection.time(), retry.time())).isGreaterThanOrEqualTo(Duration.ofSeconds(wait).minusMillis(50));
        }
    }

    @Test
    void readsTheSameSnapshotOneRequestAtATimeAsInParallel() {
        GraphEmulator emulator = emulator(ReaderFixture.file(), EmulatorOptions.defaults());
        io.seatwarden.directory.ReadScope scope = ReadScopes.of(ReaderFixture.policies());
        TenantSnapshot sequential = reader(emulator, GraphClientOptions.defaults(), 1).read(scope);
        TenantSnapshot parallel = reader(emulator, GraphClientOptions.defaults(), 8).read(scope);

        assertThat(io.seatwarden.directory.file.TenantFileMapper.toFile(parallel))
                .isEqualTo(io.seatwarden.directory.file.TenantFileMapper.toFile(sequential));
    }

    @Test
    void reportsProgress() {
        GraphEmulator emulator = emulator(ReaderFixture.file(), EmulatorOptions.defaults());
        emulator.faults().onNext("GET", "/subscribedSkus", FaultPlan.Fault.throttle(Duration.ofSeconds(1)));
        List<String> events = new ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public synchronized void requestSent() {
                events.add("request");
            }

            @Override
            public synchronized void waiting(int status, Duration wait) {
                events.add("waiting " + status + " " + wait.toSeconds());
            }

            @Override
            public synchronized void usersRead(int users) {
                events.add("users " + users);
            }

            @Override
            public synchronized void finished() {
                events.add("finished");
            }
        };
        URI url = URI.create(emulator.baseUrl());
        new GraphDirectoryReader(GraphClientFactory.create(url, GraphCredentials.loopback(), GraphClientOptions.defaults(), listener),
                ReaderFixture.productNames(), listener).read(ReadScopes.of(ReaderFixture.policies()));

        assertThat(events).contains("waiting 429 1", "users 7").endsWith("finished");
        assertThat(events.stream().filter("request"::equals).count()).isEqualTo(emulator.requestLog().count());
    }
}
