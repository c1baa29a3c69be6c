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
    void eachDocumentedStateIsReadAsGraphNamesItAndOnlyAssignedOnesAreHeld() {
        UUID e5 = UUID.fromString("06ebc4ee-1bb5-47dd-8120-11324bc54e06");
        UUID ems = UUID.fromString("efccb6f7-5641-4e0e-bd10-b4976e1bf68e");
        UUID other = UUID.fromString("f30db892-07e9-47e9-837c-80727f46fd3d");
        com.microsoft.graph.models.User graph = graphUser();
        graph.setLicenseAssignmentStates(List.of(state(E3, "Active", null), state(e5, "ActiveWithError", "Other"),
                state(ems, "Error", "CountViolation"), state(other, "Disabled", "None")));
        graph.setAssignedLicenses(List.of(assigned(E3), assigned(e5)));
        User user = GraphDirectoryReader.user(graph);
        assertThat(user.licenses()).extracting(license -> license.skuId().value()).containsExactly(E3, e5);
        assertThat(user.failedLicenses()).extracting(license -> license.skuId().value()).containsExactly(ems, other);
        assertThat(user.licenseErrors()).extracting(license -> license.error().orElse("-")).containsExactly("Other", "CountViolation", "-");
    }

    @Test
    void aStateGraphDoesNotDocumentIsReadByWhatAssignedLicensesSays() {
        assertThat(GraphDirectoryReader.assignmentState("Pending", true)).isEqualTo(io.seatwarden.directory.AssignmentState.ACTIVE_WITH_ERROR);
        assertThat(GraphDirectoryReader.assignmentState("Pending", false)).isEqualTo(io.seatwarden.directory.AssignmentState.ERROR);
        assertThat(GraphDirectoryReader.assignmentState(null, false)).isEqualTo(io.seatwarden.directory.AssignmentState.ACTIVE);
    }

    private static LicenseAssignmentState state(UUID sku, String value, String error) {
        LicenseAssignmentState state = new LicenseAssignmentState();
        state.setSkuId(sku);
        state.setDisabledPlans(List.of());
        state.setAssignedByGroup("g1");
        state.setState(value);
        state.setError(error);
        return state;
    }

    private static AssignedLicense assigned(UUID sku) {
        AssignedLicense license = new AssignedLicense();
        license.setSkuId(sku);
        license.setDisabledPlans(List.of());
        return license;
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
