package io.seatwarden.plan;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * User data a removal can put at risk: taking away a user's last enabled Exchange Online plan starts the
 * mailbox's deletion clock, and the last SharePoint or OneDrive plan the OneDrive's retention. Reports mark
 * such removals so a reviewer looks twice.
 *
 * <p>The service plans come from Microsoft's catalog ({@code licensing-service-plan-reference.csv}):
 * mailbox plans are Exchange Online's {@code EXCHANGE_S_*}, {@code EXCHANGE_L_*} and {@code EXCHANGE_B_*}
 * (Plan 1, Plan 2, Kiosk, Essentials, POP, Archiving; not {@code EXCHANGE_S_FOUNDATION}, which holds no
 * mailbox); file plans are {@code ONEDRIVE*} and the SharePoint plans that carry OneDrive for Business
 * ({@code SHAREPOINTSTANDARD*}, {@code SHAREPOINTENTERPRISE*}, {@code SHAREPOINTDESKLESS*}).
 */
public enum DataAtStake {
    /** An Exchange Online mailbox (and its archive). */
    MAILBOX,
    /** OneDrive for Business files. */
    ONEDRIVE;

    private static final Pattern MAILBOX_PLANS = Pattern.compile("EXCHANGE_[SLB]_(?!FOUNDATION).*");
    private static final Pattern FILE_PLANS = Pattern.compile("ONEDRIVE.*|SHAREPOINT(STANDARD|ENTERPRISE|DESKLESS)(_.*)?");

    /** What a service plan (by its {@code servicePlanName}) holds, if anything a removal puts at risk. */
    public static Optional<DataAtStake> ofServicePlan(String servicePlanName) {
        if (MAILBOX_PLANS.matcher(servicePlanName).matches()) {
            return Optional.of(MAILBOX);
        }
        if (FILE_PLANS.matcher(servicePlanName).matches()) {
            return Optional.of(ONEDRIVE);
        }
        return Optional.empty();
    }
}
