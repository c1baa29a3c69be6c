package io.seatwarden.catalog;

import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SkuId;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogLoaderTest {
    private static final String HEADER = "\uFEFFProduct_Display_Name,String_Id,GUID,Service_Plan_Name,Service_Plan_Id,"
            + "Service_Plans_Included_Friendly_Names\r\n";

    private final CatalogLoader loader = new CatalogLoader();

    @Test
    void bundledCatalogHasOffice365E3WithItsPlans() {
        ProductCatalog catalog = loader.bundled();

        ProductCatalog.Product e3 = catalog.byPartNumber("ENTERPRISEPACK").orElseThrow();
        assertThat(e3.skuId()).isEqualTo(new SkuId(UUID.fromString("6fd2c87f-b296-42f0-b197-1e91e994b900")));
        assertThat(e3.displayName()).isEqualTo("Office 365 E3");
        assertThat(e3.servicePlans()).hasSize(36);
        assertThat(e3.servicePlans()).extracting(ProductCatalog.Plan::servicePlanName).contains("YAMMER_ENTERPRISE", "TEAMS1");
        assertThat(catalog.products()).hasSize(569);
        assertThat(catalog.byDisplayName("office 365 e3")).containsExactly(e3);
        assertThat(catalog.bySkuId(e3.skuId())).contains(e3);
    }

    @Test
    void quotedFieldsMayHoldCommas() {
        ProductCatalog.Product product = loader.bundled().byPartNumber("CRM_AUTO_ROUTING_ADDON").orElseThrow();

        assertThat(product.displayName())
                .isEqualTo("Dynamics 365 Field Service, Enterprise Edition - Resource Scheduling Optimization");
        assertThat(product.servicePlans()).hasSize(3);
    }

    @Test
    void noBreakSpacesAroundValuesAreTrimmed() {
        // Microsoft's file has "MCOCAP_FACULTY\u00A0" and a GUID followed by a no-break space.
        ProductCatalog.Product product = loader.bundled().byPartNumber("MCOCAP_FACULTY").orElseThrow();

        assertThat(product.skuPartNumber()).isEqualTo("MCOCAP_FACULTY");
        assertThat(product.skuId()).isEqualTo(new SkuId(UUID.fromString("420c7602-7f70-4895-9394-d3d679ea36fb")));
    }

    @Test
    void parsesQuotesLineEndingsAndByteOrderMark() throws IOException {
        String csv = HEADER
                + "\"Product, with \"\"quotes\"\"\",PART,6fd2c87f-b296-42f0-b197-1e91e994b900,PLAN_A,"
                + "113feb6c-3fe4-4440-bddc-54d774bf0318,Plan A\r\n"
                + "\"Product, with \"\"quotes\"\"\",PART,6fd2c87f-b296-42f0-b197-1e91e994b900,PLAN_B,"
                + "24435e4b-87d0-4d7d-8beb-63a9b1573022,\"Plan B, friendly\"\n";

        ProductCatalog catalog = loader.parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "test.csv");

        assertThat(catalog.products()).singleElement().satisfies(product -> {
            assertThat(product.displayName()).isEqualTo("Product, with \"quotes\"");
            assertThat(product.servicePlans()).containsExactly(
                    new ProductCatalog.Plan(new ServicePlanId(UUID.fromString("113feb6c-3fe4-4440-bddc-54d774bf0318")), "PLAN_A", "Plan A"),
                    new ProductCatalog.Plan(new ServicePlanId(UUID.fromString("24435e4b-87d0-4d7d-8beb-63a9b1573022")), "PLAN_B",
                            "Plan B, friendly"));
        });
    }
}
