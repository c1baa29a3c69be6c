package io.seatwarden.graph;

import com.microsoft.graph.models.AssignedLicense;
import com.microsoft.graph.models.Group;
import com.microsoft.graph.models.LicenseAssignmentState;
import io.seatwarden.directory.GroupId;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.User;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** How Graph's objects become the engine's, and the filters the reader writes. No HTTP here. */
class GraphMappingTest {
    private static final UUID E3 = UUID.fromString("6fd2c87f-b296-42f0-b197-1e91e994b900");

    private static com.microsoft.graph.models.User graphUser() {
        com.microsoft.graph.models.User user = new com.microsoft.graph.models.User();
        user.setId("u1");
        user.setUserPrincipalName("u1@contoso.test");
        return user;
    }

    @Test
    void licenseStatesAreTheSourcesOfAUsersLicenses() {
        com.microsoft.graph.models.User graph = graphUser();
        LicenseAssignmentState direct = new LicenseAssignmentState();
        direct.setSkuId(E3);
        direct.setDisabledPlans(List.of());
        LicenseAssignmentState inherited = new LicenseAssignmentState();
        inherited.setSkuId(E3);
        inherited.setDisabledPlans(List.of());
        inherited.setAssignedByGroup("g1");
        graph.setLicenseAssignmentStates(List.of(direct, inherited));
        AssignedLicense effective = new AssignedLicense();
        effective.setSkuId(E3);
        graph.setAssignedLicenses(List.of(effective));

        User user = GraphDirectoryReader.user(graph);

        assertThat(user.licenses()).extracting(license -> license.assignedByGroup())
                .containsExactly(Optional.empty(), Optional.of(new GroupId("g1")));
        assertThat(user.accountEnabled()).as("absent means enabled, as in a tenant file").isTrue();
    }

    @Test
    void withoutLicenseStatesTheAssignedLicensesAreDirect() {
        com.microsoft.graph.models.User graph = graphUser();
        AssignedLicense effective = new AssignedLicense();
        effective.setSkuId(E3);
        effective.setDisabledPlans(List.of(UUID.fromString("7547a3fe-08ee-4ccb-b430-5077c5041653")));
        graph.setAssignedLicenses(List.of(effective));
        graph.setLicenseAssignmentStates(List.of());
        graph.setAccountEnabled(false);

        User user = GraphDirectoryReader.user(graph);

        assertThat(user.licenses()).hasSize(1);
        assertThat(user.licenses().get(0).isDirect()).isTrue();
        assertThat(user.licenses().get(0).disabledPlans()).hasSize(1);
        assertThat(user.accountEnabled()).isFalse();
    }

    @Test
    void theTenantIdComesFromTheSubscribedSkuIds() {
        assertThat(GraphDirectoryReader.tenantOf("6c4f3a1e-2b1d-4d8e-9f00-0000000000c1_" + E3))
                .contains(new TenantId("6c4f3a1e-2b1d-4d8e-9f00-0000000000c1"));
        assertThat(GraphDirectoryReader.tenantOf("not-a-tenant_" + E3)).isEmpty();
        assertThat(GraphDirectoryReader.tenantOf(null)).isEmpty();
    }

    @Test
    void groupLookupsQuoteNamesAndAddIdsOnlyForGuids() {
        assertThat(GraphDirectoryReader.groupFilter(List.of("Sales", "O'Brien's team")))
                .isEqualTo("displayName in ('Sales','O''Brien''s team')");
        assertThat(GraphDirectoryReader.groupFilter(List.of("0b9e1b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b")))
                .isEqualTo("displayName in ('0b9e1b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b') or id in ('0b9e1b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b')");
    }

    @Test
    void microsoft365GroupsAreNotAskedForNestedGroups() {
        Group unified = new Group();
        unified.setGroupTypes(List.of("Unified"));
        Group security = new Group();
        security.setGroupTypes(List.of());
        assertThat(GraphDirectoryReader.isMicrosoft365(unified)).isTrue();
        assertThat(GraphDirectoryReader.isMicrosoft365(security)).isFalse();
        assertThat(GraphDirectoryReader.isMicrosoft365(new Group())).isFalse();
    }
}
