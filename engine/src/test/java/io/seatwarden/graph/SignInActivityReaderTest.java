package io.seatwarden.graph;

import io.seatwarden.directory.DirectoryReadException;
import io.seatwarden.directory.ReadScope;
import io.seatwarden.directory.ReaderFixture;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.User;
import io.seatwarden.directory.UserId;
import io.seatwarden.directory.file.TenantFile;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.GraphEmulator;
import io.seatwarden.emulator.RequestLog;
import io.seatwarden.emulator.SignInActivityAccess;
import io.seatwarden.plan.ReadScopes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.seatwarden.testing.TestingTenant.userId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Users' sign-in activity through the real Graph SDK against the emulator: read only when asked, in pages of
 * 120, and a 403 (no {@code AuditLog.Read.All}, no Entra ID P1/P2) is a read failure that names what is missing.
 */
class SignInActivityReaderTest {
    private final List<GraphEmulator> emulators = new ArrayList<>();

    @AfterEach
    void stop() {
        emulators.forEach(GraphEmulator::close);
    }

    private GraphEmulator emulator(TenantFile file) {
        GraphEmulator emulator = GraphEmulator.start(file, EmulatorOptions.defaults());
        emulators.add(emulator);
        return emulator;
    }

    private static TenantSnapshot read(GraphEmulator emulator, ReadScope scope) {
        return GraphDirectoryReaderTest.reader(emulator, GraphClientOptions.defaults()).read(scope);
    }

    private static List<RequestLog.Entry> activityReads(GraphEmulator emulator) {
        return emulator.requestLog().entries(entry -> entry.endpoint().equals("GET /users")
                && query(entry).contains("signInActivity"));
    }

    private static String query(RequestLog.Entry entry) {
        return java.net.URLDecoder.decode(entry.query(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void readsActivityInPagesOf120WhenAPolicyReclaimsFromInactiveUsers() {
        TenantFile many = LargeGroupFixture.tenant(250);
        List<TenantFile.UserEntry> users = new ArrayList<>();
        for (TenantFile.UserEntry user : many.users()) {
            users.add(new TenantFile.UserEntry(user.id(), user.userPrincipalName(), user.displayName(), user.userType(), null, null,
                    true, "US", null, user.assignedLicenses(), null, "2024-05-01T00:00:00Z",
                    new TenantFile.SignIns("2026-11-0" + (1 + users.size() % 9) + "T10:00:00Z", null)));
        }
        GraphEmulator emulator = emulator(new TenantFile(many.tenantId(), many.subscribedSkus(), users, many.groups()));

        TenantSnapshot snapshot = read(emulator, LargeGroupFixture.scope().withSignInActivity(true));

        List<RequestLog.Entry> pages = activityReads(emulator);
        assertThat(pages).hasSize(3); // 120 + 120 + 10
        assertThat(query(pages.get(0))).contains("$top=120").contains("createdDateTime");
        assertThat(pages.get(0).header("ConsistencyLevel")).isEmpty();
        assertThat(snapshot.users()).hasSize(250).allSatisfy(user -> {
            assertThat(user.createdDateTime()).isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
            assertThat(user.signInActivity().lastSuccessfulSignInDateTime()).isNotNull();
        });
        User tenth = snapshot.user(new UserId(users.get(10).id())).orElseThrow();
        assertThat(tenth.signInActivity().lastSignIn()).contains(Instant.parse("2026-11-02T10:00:00Z"));
    }

    @Test
    void readsNoActivityWithoutReclaimFromInactiveUsersEvenWhereGraphWouldRefuseIt() {
        GraphEmulator emulator = emulator(ReaderFixture.file());
        emulator.signInActivityAccess(SignInActivityAccess.PERMISSION_MISSING);

        TenantSnapshot snapshot = read(emulator, ReadScopes.of(ReaderFixture.policies()));

        assertThat(activityReads(emulator)).isEmpty();
        assertThat(snapshot.users()).isNotEmpty().allSatisfy(user -> assertThat(user.signInActivity()).isNull());
    }

    @Test
    void aMissingPermissionIsAReadFailureNamingAuditLogReadAll() {
        GraphEmulator emulator = emulator(ReaderFixture.file());
        emulator.signInActivityAccess(SignInActivityAccess.PERMISSION_MISSING);

        assertThatThrownBy(() -> read(emulator, ReadScopes.of(ReaderFixture.policies()).withSignInActivity(true)))
                .isInstanceOf(DirectoryReadException.class)
                .hasMessageContaining("reclaim.inactiveDays")
                .hasMessageContaining("application permission AuditLog.Read.All")
                .hasMessageContaining("HTTP 403 Authentication_MSGraphPermissionMissing")
                .hasMessageContaining("Nothing was planned");
    }

    @Test
    void aTenantWithoutEntraIdPremiumIsAReadFailureNamingTheLicense() {
        GraphEmulator emulator = emulator(ReaderFixture.file());
        emulator.signInActivityAccess(SignInActivityAccess.NOT_PREMIUM);

        assertThatThrownBy(() -> read(emulator, ReadScopes.of(ReaderFixture.policies()).withSignInActivity(true)))
                .isInstanceOf(DirectoryReadException.class)
                .hasMessageContaining("Microsoft Entra ID P1 or P2")
                .hasMessageContaining("Authentication_RequestFromNonPremiumTenantOrB2CTenant")
                .hasMessageContaining("Nothing was planned");
    }

    @Test
    void graphsNeverTimestampIsNoSignIn() {
        TenantFile file = ReaderFixture.file();
        List<TenantFile.UserEntry> users = new ArrayList<>();
        for (TenantFile.UserEntry user : file.users()) {
            boolean alice = user.id().equals(userId("alice").value());
            users.add(!alice ? user : new TenantFile.UserEntry(user.id(), user.userPrincipalName(), user.displayName(), user.userType(),
                    user.creationType(), user.externalUserState(), user.accountEnabled(), user.usageLocation(), user.onPremisesSyncEnabled(),
                    user.assignedLicenses(), user.licenseAssignmentStates(), "2019-02-01T00:00:00Z",
                    // user-list example 11 shows "0001-01-01T00:00:00Z" for a sign-in that never happened
                    new TenantFile.SignIns(null, "0001-01-01T00:00:00Z", "2021-06-17T16:41:33Z")));
        }
        GraphEmulator emulator = emulator(new TenantFile(file.tenantId(), file.subscribedSkus(), users, file.groups()));

        User alice = read(emulator, ReadScopes.of(ReaderFixture.policies()).withSignInActivity(true)).user(userId("alice")).orElseThrow();

        assertThat(alice.signInActivity().lastNonInteractiveSignInDateTime()).isNull();
        assertThat(alice.signInActivity().lastSignIn()).contains(Instant.parse("2021-06-17T16:41:33Z"));
    }
}
