package io.seatwarden.graph;

import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SkuId;
import io.seatwarden.reconcile.GraphFailure;
import io.seatwarden.reconcile.RefusalReason;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** One test per row of Graph's error table, plus the order rows are read in. */
class GraphErrorsTest {
    private static final String BAD_REQUEST = "Request_BadRequest";
    private static final SkuId E3 = SkuId.of("6fd2c87f-b296-42f0-b197-1e91e994b900");
    private static final ServicePlanId SHAREPOINT_STANDARD = ServicePlanId.of("c7699d2e-19aa-44de-8edf-1736da088ca1");
    private static final ServicePlanId SHAREPOINT_ENTERPRISE = ServicePlanId.of("5dbe027f-2339-4123-9542-606e4d348a72");
    private static final ServicePlanId OFFICE_WEB = ServicePlanId.of("e95bec33-7c88-4a70-8e19-b10bd9d0c014");

    private final Set<String> rowsSeen = new TreeSet<>();

    private GraphFailure classify(int status, String code, String message) {
        for (GraphErrors.Row row : GraphErrors.TABLE) {
            if (row.matches(status, message)) {
                rowsSeen.add(row.name());
                break;
            }
        }
        return GraphErrors.classify(status, code, message, Optional.of(Duration.ofSeconds(4)));
    }

    @Test
    void throttled() {
        assertThat(classify(429, "TooManyRequests", "Too many requests")).isEqualTo(new GraphFailure.Throttled(Duration.ofSeconds(4)));
        assertThat(GraphErrors.classify(429, null, "", Optional.empty())).isEqualTo(new GraphFailure.Throttled(Duration.ZERO));
    }

    @Test
    void unavailableWasNotCarriedOut() {
        assertThat(classify(503, "serviceNotAvailable", "busy"))
                .isEqualTo(new GraphFailure.Transient(503, Optional.of(Duration.ofSeconds(4)), false, "busy"));
    }

    @Test
    void aServerErrorMayHaveBeenCarriedOut() {
        for (int status : List.of(500, 502, 504)) {
            assertThat(classify(status, "UnknownError", "late")).as("HTTP %d", status)
                    .isEqualTo(new GraphFailure.Transient(status, Optional.of(Duration.ofSeconds(4)), true, "late"));
        }
    }

    @Test
    void notFound() {
        assertThat(classify(404, "Request_ResourceNotFound", "Resource 'x' does not exist")).isInstanceOf(GraphFailure.NotFound.class);
    }

    @Test
    void noSeatsNamesTheSku() {
        GraphFailure failure = classify(400, BAD_REQUEST, "Subscription with SKU " + E3 + " does not have any available licenses.");

        assertThat(failure).isEqualTo(new GraphFailure.NoSeats(Optional.of(E3),
                "Subscription with SKU " + E3 + " does not have any available licenses."));
        assertThat(((GraphFailure.Refusal) failure).reason()).isEqualTo(RefusalReason.NO_SEATS);
    }

    @Test
    void aUsageLocationRestrictionIsNotAMissingUsageLocation() {
        String message = "License assignment failed because the license " + E3 + " is not available in the usage location CU.";

        GraphFailure failure = classify(400, BAD_REQUEST, message);

        assertThat(failure).isEqualTo(new GraphFailure.UnavailableInUsageLocation(Optional.of(E3), message));
        assertThat(RetryPolicy.defaults().nextDelay(1, failure)).as("not retried: the location is set, just not allowed").isEmpty();
    }

    @Test
    void missingUsageLocation() {
        for (String message : List.of("License assignment cannot be done for user with invalid usage location.",
                "License assignment failed because user u@contoso.com has an invalid usage location.")) {
            assertThat(classify(400, BAD_REQUEST, message)).as(message).isInstanceOf(GraphFailure.MissingUsageLocation.class);
        }
    }

    @Test
    void servicePlanConflictNamesBothPlans() {
        String message = "License assignment failed because service plans " + SHAREPOINT_ENTERPRISE + " and " + SHAREPOINT_STANDARD
                + " are mutually exclusive.";

        assertThat(classify(400, BAD_REQUEST, message))
                .isEqualTo(new GraphFailure.ServicePlanConflict(List.of(SHAREPOINT_ENTERPRISE, SHAREPOINT_STANDARD), message));
    }

    @Test
    void dependencySaysWhichPlanNeedsWhich() {
        String message = "License assignment failed because service plan " + OFFICE_WEB + " depends on the service plan(s) "
                + SHAREPOINT_STANDARD + "," + SHAREPOINT_ENTERPRISE + ".";

        GraphFailure failure = classify(400, BAD_REQUEST, message);

        assertThat(failure).isEqualTo(new GraphFailure.DependencyMissing(Optional.of(OFFICE_WEB),
                List.of(SHAREPOINT_STANDARD, SHAREPOINT_ENTERPRISE), message));
        GraphFailure.Naming names = new GraphFailure.Naming() {
            @Override
            public String sku(SkuId sku) {
                return "ENTERPRISEPACK";
            }

            @Override
            public String plan(ServicePlanId plan) {
                return plan.equals(OFFICE_WEB) ? "SHAREPOINTWAC" : plan.equals(SHAREPOINT_STANDARD) ? "SHAREPOINTSTANDARD" : "SHAREPOINTENTERPRISE";
            }
        };
        assertThat(failure.describe(names)).isEqualTo("service plan SHAREPOINTWAC depends on SHAREPOINTSTANDARD, SHAREPOINTENTERPRISE,"
                + " which the user would not have (Graph: HTTP 400 Request_BadRequest)");
    }

    @Test
    void inheritedFromAGroup() {
        assertThat(classify(400, BAD_REQUEST,
                "User license is inherited from a group membership and it cannot be removed directly from the user."))
                .isInstanceOf(GraphFailure.InheritedOnly.class);
    }

    @Test
    void notHeld() {
        assertThat(classify(400, BAD_REQUEST, "User does not have a corresponding license.")).isInstanceOf(GraphFailure.LicenseNotHeld.class);
    }

    @Test
    void unknownOrCompanyLevelSku() {
        assertThat(classify(400, BAD_REQUEST, "License " + E3 + " does not correspond to a valid company License."))
                .isEqualTo(new GraphFailure.UnknownSku(Optional.of(E3), "License " + E3 + " does not correspond to a valid company License."));
        assertThat(classify(400, BAD_REQUEST, "License " + E3 + " cannot be assigned to a user.")).isInstanceOf(GraphFailure.UnknownSku.class);
    }

    @Test
    void anythingElseIsOtherWithGraphsCode() {
        assertThat(classify(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation."))
                .isEqualTo(new GraphFailure.Other(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation."));
        assertThat(classify(400, BAD_REQUEST, "Invalid value specified for property 'skuId'."))
                .isEqualTo(new GraphFailure.Other(400, BAD_REQUEST, "Invalid value specified for property 'skuId'."));
        // A message pattern alone never makes a refusal: a 5xx saying "usage location" is still transient.
        assertThat(classify(504, null, "usage location lookup timed out")).isInstanceOf(GraphFailure.Transient.class);
    }

    @Test
    void everyRowHasATestAbove() {
        GraphErrorsTest all = new GraphErrorsTest();
        all.throttled();
        all.unavailableWasNotCarriedOut();
        all.aServerErrorMayHaveBeenCarriedOut();
        all.notFound();
        all.noSeatsNamesTheSku();
        all.aUsageLocationRestrictionIsNotAMissingUsageLocation();
        all.missingUsageLocation();
        all.servicePlanConflictNamesBothPlans();
        all.dependencySaysWhichPlanNeedsWhich();
        all.inheritedFromAGroup();
        all.notHeld();
        all.unknownOrCompanyLevelSku();
        List<String> names = new ArrayList<>();
        GraphErrors.TABLE.forEach(row -> names.add(row.name()));
        assertThat(all.rowsSeen).containsExactlyInAnyOrderElementsOf(names);
    }
}
