package io.seatwarden.graph;

import com.microsoft.graph.models.AssignedLicense;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.assignlicense.AssignLicensePostRequestBody;
import io.seatwarden.directory.DirectoryReader;
import io.seatwarden.directory.ReadScope;
import io.seatwarden.directory.ReaderFixture;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.UserId;
import io.seatwarden.directory.file.SnapshotCodec;
import io.seatwarden.directory.file.TenantFile;
import io.seatwarden.directory.file.TenantFileMapper;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.GraphEmulator;
import io.seatwarden.plan.ReadScopes;
import io.seatwarden.directory.DeltaState;
import io.seatwarden.state.StateConfig;
import io.seatwarden.state.StateStore;
import io.seatwarden.state.StateStores;
import io.seatwarden.testing.TestingClock;
import io.seatwarden.testing.TestingPolicies;
import io.seatwarden.testing.TestingTenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.seatwarden.testing.TestingTenant.groupId;
import static io.seatwarden.testing.TestingTenant.skuId;
import static io.seatwarden.testing.TestingTenant.userId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Incremental reads against the emulator through the real SDK: equal to a full read, cheaper, and full when in doubt. */
class IncrementalDirectoryReaderTest {
    private final TestingClock clock = new TestingClock(Instant.parse("2026-03-02T02:00:00Z"));
    private final List<String> notes = new ArrayList<>();
    private GraphEmulator emulator;
    private StateStore state;
    private ReadScope scope;

    @TempDir
    Path directory;

    @BeforeEach
    void start() {
        emulator = GraphEmulator.start(ReaderFixture.file(), EmulatorOptions.defaults().withPageSize(4).withClock(clock));
        state = new StateStores(clock).open(StateConfig.h2File(directory.resolve("state")));
        scope = ReadScopes.of(ReaderFixture.policies());
    }

    @AfterEach
    void stop() {
        emulator.close();
        state.close();
    }

    private GraphServiceClient client() {
        return GraphClientFactory.create(URI.create(emulator.baseUrl()), GraphCredentials.loopback(), GraphClientOptions.defaults(),
                ProgressListener.NONE);
    }

    private IncrementalDirectoryReader reader(IncrementalDirectoryReader.Mode mode, boolean full) {
        GraphServiceClient client = client();
        return new IncrementalDirectoryReader(new GraphDirectoryReader(client, ReaderFixture.productNames(), ProgressListener.NONE),
                new GraphDeltaReader(client), state.snapshots(), mode, full, ReaderFixture.productNames(), clock, note -> notes.add(note.text()));
    }

    private TenantSnapshot fullRead(ReadScope readScope) {
        DirectoryReader reader = new GraphDirectoryReader(client(), ReaderFixture.productNames(), ProgressListener.NONE);
        return reader.read(readScope);
    }

    /** Snapshots compare as their tenant files (records, compared field by field). */
    private static TenantFile file(TenantSnapshot snapshot) {
        return TenantFileMapper.toFile(snapshot);
    }

    private TenantId tenant() {
        return new TenantId(ReaderFixture.TENANT_ID);
    }

    @Test
    void theFirstWetReadIsFullAndStoresThenTheNextReadsOnlyWhatChanged() {
        IncrementalDirectoryReader wet = reader(IncrementalDirectoryReader.Mode.ADVANCE, false);
        TenantSnapshot first = wet.read(scope);
        assertThat(file(first)).isEqualTo(file(fullRead(scope)));
        assertThat(wet.lastRead().orElseThrow().incremental()).isFalse();
        assertThat(notes).last().asString().startsWith("full read: no stored snapshot");
        assertThat(state.snapshots().load(tenant())).isPresent();

        emulator.state().addMember(groupId("Sales"), userId("mallory"));
        emulator.state().removeMember(groupId("Sales-EU"), userId("bob"));
        emulator.requestLog().clear();
        TenantSnapshot second = wet.read(scope);
        assertThat(emulator.requestLog().count("GET /groups/{id}/members/microsoft.graph.user"))
                .as("the incremental read lists no group's members").isEqualTo(0);
        assertThat(emulator.requestLog().count("GET /users/delta")).isEqualTo(1);
        assertThat(emulator.requestLog().count("GET /groups/delta")).isEqualTo(1);
        assertThat(emulator.requestLog().count("GET /users")).as("mallory read again by id").isEqualTo(1);
        assertThat(wet.lastRead().orElseThrow().incremental()).isTrue();
        assertThat(file(second)).isEqualTo(file(fullRead(scope)));
        assertThat(second.user(userId("mallory"))).isPresent();
        assertThat(second.user(userId("bob"))).as("left every group of the scope, holds no scoped SKU").isEmpty();
    }

    @Test
    void churnOfEveryKindGivesTheSnapshotAFullReadGives() {
        IncrementalDirectoryReader wet = reader(IncrementalDirectoryReader.Mode.ADVANCE, false);
        wet.read(scope);
        emulator.state().createUser(new TenantFile.UserEntry("a1111111-0000-4000-8000-000000000001", "newbie@contoso.test", "Newbie",
                null, null, null, true, "US", null, List.of(), null));
        emulator.state().addMember(groupId("Sales-EU"), "a1111111-0000-4000-8000-000000000001");
        emulator.state().deleteUser(userId("alice"));
        emulator.state().removeMember(groupId("Sales-EU"), groupId("Sales-EU-DE").value()); // nesting edit: carol drops out
        assign(userId("mallory"), "SPE_E5"); // a new holder of a SKU the scope names, in no group
        TenantSnapshot incremental = wet.read(scope);
        assertThat(wet.lastRead().orElseThrow().incremental()).isTrue();
        TenantSnapshot full = fullRead(scope);
        assertThat(file(incremental)).isEqualTo(file(full));
        assertThat(incremental.user(userId("mallory"))).isPresent();
        assertThat(incremental.user(userId("carol"))).isEmpty();
        assertThat(incremental.group(groupId("Sales-EU-DE"))).isEmpty();
        assertThat(incremental.user(new UserId("a1111111-0000-4000-8000-000000000001"))).isPresent();
    }

    @Test
    void aPropertyEditThatChangesNoLicenseComesFromDeltaAlone() {
        IncrementalDirectoryReader wet = reader(IncrementalDirectoryReader.Mode.ADVANCE, false);
        wet.read(scope);
        com.microsoft.graph.models.User change = new com.microsoft.graph.models.User();
        change.setUsageLocation("GB");
        client().users().byUserId(userId("erin").value()).patch(change); // erin holds ENTERPRISEPACK, a scoped SKU
        emulator.requestLog().clear();
        TenantSnapshot snapshot = wet.read(scope);
        assertThat(emulator.requestLog().count("GET /users")).as("nobody read again").isEqualTo(0);
        assertThat(wet.lastRead().orElseThrow().reason()).contains("1 updated from delta alone");
        assertThat(snapshot.user(userId("erin")).orElseThrow().usageLocation()).isEqualTo("GB");
        assertThat(file(snapshot)).isEqualTo(file(fullRead(scope)));
    }

    @Test
    void usersReadAgainGoFifteenAFilterAndTwentyFiltersABatchSurvivingThrottledSteps() {
        List<Duration> waits = new ArrayList<>();
        GraphServiceClient client = client();
        IncrementalDirectoryReader wet = new IncrementalDirectoryReader(
                new GraphDirectoryReader(client, ReaderFixture.productNames(), ProgressListener.NONE),
                new GraphDeltaReader(client, RetryPolicy.defaults(), waits::add, clock), state.snapshots(),
                IncrementalDirectoryReader.Mode.ADVANCE, false, ReaderFixture.productNames(), clock, note -> notes.add(note.text()));
        wet.read(scope);
        int joiners = 320; // 22 filters of at most 15 ids: a batch of 20 steps and one of 2
        for (int i = 0; i < joiners; i++) {
            String id = String.format("b%07d-0000-4000-8000-000000000000", i);
            emulator.state().createUser(new TenantFile.UserEntry(id, "joiner" + i + "@contoso.test", "Joiner " + i,
                    null, null, null, true, "US", null, List.of(), null));
            emulator.state().addMember(groupId("Sales-EU"), id);
        }
        emulator.requestLog().clear();
        emulator.faults().onNext("GET", "/users", io.seatwarden.emulator.FaultPlan.Fault.throttle(Duration.ofSeconds(3)));
        emulator.faults().onNext("GET", "/users", io.seatwarden.emulator.FaultPlan.Fault.unavailable());

        TenantSnapshot incremental = wet.read(scope);

        assertThat(wet.lastRead().orElseThrow().incremental()).isTrue();
        assertThat(emulator.requestLog().count("GET /users")).as("22 steps, 2 of them sent again").isEqualTo(24);
        assertThat(emulator.requestLog().count("POST /$batch")).as("20 + 2 steps, then the 2 that failed").isEqualTo(3);
        assertThat(waits).as("the throttled step's Retry-After, the longest wait the failed steps asked for")
                .containsExactly(Duration.ofSeconds(3));
        assertThat(wet.lastRead().orElseThrow().requests()).as("subscribedSkus, two delta pages or more, three batches")
                .isEqualTo(1 + emulator.requestLog().count("GET /users/delta") + emulator.requestLog().count("GET /groups/delta") + 3);
        assertThat(file(incremental)).isEqualTo(file(fullRead(scope)));
        assertThat(incremental.users()).filteredOn(user -> user.userPrincipalName().startsWith("joiner")).hasSize(joiners);
    }

    @Test
    void aStepThatKeepsFailingFailsTheReadNamingWhy() {
        GraphServiceClient client = client();
        IncrementalDirectoryReader wet = new IncrementalDirectoryReader(
                new GraphDirectoryReader(client, ReaderFixture.productNames(), ProgressListener.NONE),
                new GraphDeltaReader(client, new RetryPolicy(2, 2, Duration.ZERO, Duration.ZERO), duration -> { }, clock),
                state.snapshots(), IncrementalDirectoryReader.Mode.ADVANCE, false, ReaderFixture.productNames(), clock, note -> { });
        wet.read(scope);
        emulator.state().addMember(groupId("Sales"), userId("mallory"));
        emulator.faults().onNext("GET", "/users", 2, io.seatwarden.emulator.FaultPlan.Fault.unavailable());
        DeltaState before = state.snapshots().load(tenant()).orElseThrow();

        assertThatThrownBy(() -> wet.read(scope)).isInstanceOf(io.seatwarden.directory.DirectoryReadException.class)
                .hasMessageContaining("reading users changed since the last run from Graph failed").hasMessageContaining("503");
        assertThat(state.snapshots().load(tenant()).orElseThrow().usersDeltaLink()).as("nothing stored after a failed read")
                .isEqualTo(before.usersDeltaLink());
    }

    @Test
    void planReadsWithTheStoredLinksWithoutAdvancingThem() {
        reader(IncrementalDirectoryReader.Mode.ADVANCE, false).read(scope);
        DeltaState before = state.snapshots().load(tenant()).orElseThrow();
        emulator.state().addMember(groupId("Sales"), userId("mallory"));
        IncrementalDirectoryReader plan = reader(IncrementalDirectoryReader.Mode.READ_ONLY, false);
        TenantSnapshot first = plan.read(scope);
        TenantSnapshot again = plan.read(scope);
        assertThat(plan.lastRead().orElseThrow().incremental()).isTrue();
        assertThat(file(first)).isEqualTo(file(again)).isEqualTo(file(fullRead(scope)));
        DeltaState after = state.snapshots().load(tenant()).orElseThrow();
        assertThat(after.usersDeltaLink()).isEqualTo(before.usersDeltaLink());
        assertThat(after.groupsDeltaLink()).isEqualTo(before.groupsDeltaLink());
        assertThat(after.readAt()).isEqualTo(before.readAt());
    }

    @Test
    void aPlanWithoutStoredStateReadsInFullAndStoresNothing() {
        IncrementalDirectoryReader plan = reader(IncrementalDirectoryReader.Mode.READ_ONLY, false);
        assertThat(file(plan.read(scope))).isEqualTo(file(fullRead(scope)));
        assertThat(state.snapshots().load(tenant())).isEmpty();
        assertThat(emulator.requestLog().count("GET /users/delta")).isEqualTo(0);
    }

    @Test
    void reclaimingFromInactiveUsersReadsInFullAndStoresNothing() {
        IncrementalDirectoryReader wet = reader(IncrementalDirectoryReader.Mode.ADVANCE, false);
        ReadScope reclaiming = scope.withSignInActivity(true);
        assertThat(file(wet.read(reclaiming))).isEqualTo(file(fullRead(reclaiming)));
        assertThat(wet.lastRead().orElseThrow().incremental()).isFalse();
        assertThat(wet.lastRead().orElseThrow().reason()).contains("sign-in activity");
        assertThat(state.snapshots().load(tenant())).isEmpty();
    }

    @Test
    void fullForcesAFullRead() {
        reader(IncrementalDirectoryReader.Mode.ADVANCE, false).read(scope);
        IncrementalDirectoryReader full = reader(IncrementalDirectoryReader.Mode.ADVANCE, true);
        full.read(scope);
        assertThat(full.lastRead().orElseThrow().incremental()).isFalse();
        assertThat(full.lastRead().orElseThrow().reason()).contains("--full");
    }

    @Test
    void aResetDeltaLinkFallsBackToAFullReadAndSaysSo() {
        IncrementalDirectoryReader wet = reader(IncrementalDirectoryReader.Mode.ADVANCE, false);
        wet.read(scope);
        emulator.state().resetDeltaTokens();
        emulator.state().addMember(groupId("Sales"), userId("mallory"));
        TenantSnapshot snapshot = wet.read(scope);
        assertThat(file(snapshot)).isEqualTo(file(fullRead(scope)));
        IncrementalDirectoryReader.ReadReport report = wet.lastRead().orElseThrow();
        assertThat(report.incremental()).isFalse();
        assertThat(report.doubtful()).isTrue();
        assertThat(report.reason()).contains("410");
        assertThat(file(wet.read(scope))).isEqualTo(file(snapshot));
        assertThat(wet.lastRead().orElseThrow().incremental()).as("the full read stored fresh links").isTrue();
    }

    @Test
    void aLastFullReadOlderThanAWeekReadsInFullAgain() {
        IncrementalDirectoryReader wet = reader(IncrementalDirectoryReader.Mode.ADVANCE, false);
        wet.read(scope);
        clock.advance(Duration.ofDays(6));
        wet.read(scope);
        assertThat(wet.lastRead().orElseThrow().incremental()).isTrue();
        clock.advance(Duration.ofDays(2));
        wet.read(scope);
        assertThat(wet.lastRead().orElseThrow().incremental()).isFalse();
        assertThat(wet.lastRead().orElseThrow().reason()).contains("more than 7 days");
    }

    @Test
    void anExpiredDeltaLinkIsExpired() {
        GraphDeltaReader delta = new GraphDeltaReader(client());
        GraphDeltaReader.Links links = delta.latest();
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> delta.changes(links))
                .isInstanceOf(GraphDeltaReader.Expired.class).hasMessageContaining("syncStateNotFound");
    }

    @Test
    void policiesNamingAnotherGroupReadInFull() {
        IncrementalDirectoryReader wet = reader(IncrementalDirectoryReader.Mode.ADVANCE, false);
        wet.read(scope);
        ReadScope wider = ReadScopes.of(TestingPolicies.policies()
                .policy("sales-e3", "Sales").grant("ENTERPRISEPACK")
                .policy("marketing", "Marketing").grant("EMS")
                .build());
        assertThat(file(wet.read(wider))).isEqualTo(file(fullRead(wider)));
        assertThat(wet.lastRead().orElseThrow().reason()).contains("reach further");
        assertThat(file(wet.read(scope))).as("a narrower scope reads incrementally from the wider snapshot").isEqualTo(file(fullRead(scope)));
        assertThat(wet.lastRead().orElseThrow().incremental()).isTrue();
        assertThat(file(wet.read(wider))).isEqualTo(file(fullRead(wider)));
        assertThat(wet.lastRead().orElseThrow().incremental()).as("the stored scope only grows").isTrue();
    }

    @Test
    void aGroupOfTheSnapshotNestingAGroupItLacksReadsInFull() {
        IncrementalDirectoryReader wet = reader(IncrementalDirectoryReader.Mode.ADVANCE, false);
        wet.read(scope);
        emulator.state().addMember(groupId("Sales"), groupId("Marketing").value());
        assertThat(file(wet.read(scope))).isEqualTo(file(fullRead(scope)));
        assertThat(wet.lastRead().orElseThrow().reason()).contains("now nests group");
    }

    @Test
    void aStoredSnapshotOfAnotherTenantIsNotUsed() {
        reader(IncrementalDirectoryReader.Mode.ADVANCE, false).read(scope);
        DeltaState stored = state.snapshots().load(tenant()).orElseThrow();
        TenantSnapshot other = TestingTenant.tenant().sku("ENTERPRISEPACK", 1).build();
        state.snapshots().save(new DeltaState(tenant(), stored.scopeKey(), stored.usersDeltaLink(), stored.groupsDeltaLink(),
                new SnapshotCodec().encode(other), stored.readAt(), stored.fullReadAt()));
        IncrementalDirectoryReader wet = reader(IncrementalDirectoryReader.Mode.ADVANCE, false);
        assertThat(file(wet.read(scope))).isEqualTo(file(fullRead(scope)));
        assertThat(wet.lastRead().orElseThrow().reason()).contains("stored snapshot is of tenant");
    }

    @Test
    void linksOfAnotherEndpointAreNotFollowed() {
        reader(IncrementalDirectoryReader.Mode.ADVANCE, false).read(scope);
        TenantFile saved = emulator.state().toTenantFile();
        emulator.close();
        emulator = GraphEmulator.start(saved, EmulatorOptions.defaults()); // another port
        IncrementalDirectoryReader wet = reader(IncrementalDirectoryReader.Mode.ADVANCE, false);
        assertThat(file(wet.read(scope))).isEqualTo(file(fullRead(scope)));
        assertThat(wet.lastRead().orElseThrow().reason()).contains("another endpoint");
    }

    private void assign(UserId user, String partNumber) {
        AssignedLicense license = new AssignedLicense();
        license.setSkuId(UUID.fromString(skuId(partNumber).toString()));
        license.setDisabledPlans(List.of());
        AssignLicensePostRequestBody body = new AssignLicensePostRequestBody();
        body.setAddLicenses(List.of(license));
        body.setRemoveLicenses(List.of());
        client().users().byUserId(user.value()).assignLicense().post(body);
    }
}
