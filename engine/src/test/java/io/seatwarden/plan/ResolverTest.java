package io.seatwarden.plan;

import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.policy.PolicyProblem;
import io.seatwarden.testing.TestingPolicies;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.seatwarden.testing.TestingPolicies.policies;
import static io.seatwarden.testing.TestingTenant.groupId;
import static io.seatwarden.testing.TestingTenant.planId;
import static io.seatwarden.testing.TestingTenant.skuId;
import static io.seatwarden.testing.TestingTenant.tenant;
import static io.seatwarden.testing.TestingTenant.userId;
import static org.assertj.core.api.Assertions.assertThat;

class ResolverTest {
    private static final ProductCatalog CATALOG = new ProductCatalog(List.of(
            new ProductCatalog.Product(skuId("E3"), "E3", "Office 365 E3", List.of()),
            new ProductCatalog.Product(skuId("E5"), "E5", "Office 365 E5", List.of(
                    new ProductCatalog.Plan(planId("EXCHANGE"), "EXCHANGE", "Exchange Online"))),
            new ProductCatalog.Product(SkuId.of("11111111-1111-1111-1111-111111111111"), "VISIO", "Visio Plan 2", List.of())));

    private final TenantSnapshot tenant = tenant()
            .sku("E3", 10, "EXCHANGE", "YAMMER")
            .sku("E5", 10)
            .group("Sales").group("Support")
            .groupWithId("dup-1", "Twins").groupWithId("dup-2", "Twins")
            .user("alice").inGroup("Sales")
            .build();

    private Resolution resolve(TestingPolicies policies) {
        return new Resolver(CATALOG).resolve(policies.build(), tenant);
    }

    private List<String> problems(TestingPolicies policies) {
        return resolve(policies).problems().stream().map(PolicyProblem::toString).toList();
    }

    @Test
    void skusResolveByPartNumberIdOrCatalogDisplayName() {
        for (String reference : List.of("E3", "e3", skuId("E3").toString(), "Office 365 E3", "office 365 e3")) {
            Resolution resolution = resolve(policies().policy("p", "Sales").grant(reference));

            assertThat(resolution.problems()).as(reference).isEmpty();
            assertThat(resolution.orThrow().policies().get(0).grants().get(0).sku()).as(reference).isEqualTo(skuId("E3"));
        }
    }

    @Test
    void unknownSkusNameWhatTheTenantHas() {
        assertThat(problems(policies().policy("p", "Sales").grant("E9"))).singleElement().asString()
                .startsWith("test.yaml:2:9: unknown SKU 'E9'").contains("the tenant has E3, E5");
        assertThat(problems(policies().policy("p", "Sales").grant("VISIO"))).singleElement().asString()
                .contains("'VISIO' (Visio Plan 2) is not among the tenant's subscriptions");
        assertThat(problems(policies().policy("p", "Sales").grant("Visio Plan 2"))).singleElement().asString()
                .contains("VISIO in Microsoft's catalog");
    }

    @Test
    void groupsResolveByIdOrUniqueDisplayName() {
        assertThat(resolve(policies().policy("p", "Sales").grant("E3")).orThrow().policies().get(0).group()).isEqualTo(groupId("Sales"));
        assertThat(resolve(policies().policy("p", "group-Support").grant("E3")).orThrow().policies().get(0).group()).isEqualTo(groupId("Support"));
        assertThat(resolve(policies().policy("p", "dup-2").grant("E3")).orThrow().policies().get(0).group().value()).isEqualTo("dup-2");
    }

    @Test
    void anAmbiguousGroupNameListsTheCandidates() {
        assertThat(problems(policies().policy("twins", "Twins").grant("E3"))).singleElement().asString()
                .contains("group name 'Twins' is ambiguous", "dup-1 (\"Twins\")", "dup-2 (\"Twins\")", "use the group's id");
    }

    @Test
    void servicePlansResolveByNameOrIdAgainstTheTenantsSku() {
        Resolution resolution = resolve(policies().policy("p", "Sales").grant("E3").disabling("yammer", planId("EXCHANGE").toString()));

        assertThat(resolution.orThrow().policies().get(0).grants().get(0).disabledPlans())
                .containsExactlyInAnyOrder(planId("YAMMER"), planId("EXCHANGE"));
        assertThat(problems(policies().policy("p", "Sales").grant("E3").disabling("TEAMS"))).singleElement().asString()
                .contains("service plan 'TEAMS' is not part of E3", "EXCHANGE, YAMMER");
    }

    @Test
    void theCatalogSuppliesPlansWhenTheTenantListsNone() {
        Resolution resolution = resolve(policies().policy("p", "Sales").grant("E5").disabling("EXCHANGE"));

        assertThat(resolution.orThrow().policies().get(0).grants().get(0).disabledPlans()).containsExactly(planId("EXCHANGE"));
    }

    @Test
    void everyProblemIsReportedTogetherInFileOrder() {
        List<String> problems = problems(policies()
                .policy("a", "Nobody").grant("E3")
                .policy("b", "Sales").grant("E9").reserve("E7", 1));

        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).startsWith("settings.yaml:1:1:").contains("E7");
        assertThat(problems.get(1)).contains("group 'Nobody' not found");
        assertThat(problems.get(2)).contains("unknown SKU 'E9'");
    }

    @Test
    void protectedUsersResolveByPrincipalNameOrId() {
        ResolvedPolicies resolved = resolve(policies().policy("p", "Sales").grant("E3")
                .protect("ALICE@contoso.test").protect("user-nobody")).orThrow();

        assertThat(resolved.protectedUsers()).containsExactly(userId("alice"));
        assertThat(resolved.unmatchedProtectedUsers()).containsExactly("user-nobody");
    }

    @Test
    void reserveResolvesLikeAnySku() {
        ResolvedPolicies resolved = resolve(policies().policy("p", "Sales").grant("E3").reserve("Office 365 E3", 2)).orThrow();

        assertThat(resolved.reserve()).containsEntry(skuId("E3"), 2);
    }
}
