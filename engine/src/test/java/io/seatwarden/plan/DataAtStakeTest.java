package io.seatwarden.plan;

import io.seatwarden.catalog.CatalogLoader;
import io.seatwarden.catalog.ProductCatalog;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The service plans that hold user data, checked against Microsoft's catalog as the engine bundles it. */
class DataAtStakeTest {
    private final ProductCatalog catalog = new CatalogLoader().bundled();

    @Test
    void everyExchangeOnlineMailboxPlanOfTheCatalogIsAMailbox() {
        int mailboxes = 0;
        for (ProductCatalog.Product product : catalog.products()) {
            for (ProductCatalog.Plan plan : product.servicePlans()) {
                String friendly = plan.friendlyName().toLowerCase(Locale.ROOT);
                if (friendly.startsWith("exchange online (plan") || friendly.startsWith("exchange online kiosk")) {
                    assertThat(DataAtStake.ofServicePlan(plan.servicePlanName())).as(plan.servicePlanName())
                            .contains(DataAtStake.MAILBOX);
                    mailboxes++;
                }
                if (friendly.startsWith("onedrive for business (plan") || friendly.startsWith("sharepoint (plan")) {
                    assertThat(DataAtStake.ofServicePlan(plan.servicePlanName())).as(plan.servicePlanName())
                            .contains(DataAtStake.ONEDRIVE);
                }
            }
        }
        assertThat(mailboxes).isGreaterThan(50);
    }

    @Test
    void plansWithoutUserDataAreNotMarked() {
        assertThat(DataAtStake.ofServicePlan("EXCHANGE_S_FOUNDATION")).isEqualTo(Optional.empty());
        assertThat(DataAtStake.ofServicePlan("TEAMS1")).isEmpty();
        assertThat(DataAtStake.ofServicePlan("SHAREPOINTWAC")).as("Office for the web").isEmpty();
        assertThat(DataAtStake.ofServicePlan("EXCHANGE_S_ENTERPRISE")).contains(DataAtStake.MAILBOX);
        assertThat(DataAtStake.ofServicePlan("SHAREPOINTENTERPRISE")).contains(DataAtStake.ONEDRIVE);
    }

    @Test
    void officeE3CarriesBoth() {
        ProductCatalog.Product e3 = catalog.byPartNumber("ENTERPRISEPACK").orElseThrow();

        assertThat(e3.servicePlans()).extracting(plan -> DataAtStake.ofServicePlan(plan.servicePlanName()))
                .contains(Optional.of(DataAtStake.MAILBOX), Optional.of(DataAtStake.ONEDRIVE));
    }
}
