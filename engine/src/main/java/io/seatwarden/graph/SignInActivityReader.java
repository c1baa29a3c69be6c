package io.seatwarden.graph;

import com.microsoft.graph.core.tasks.PageIterator;
import com.microsoft.graph.models.User;
import com.microsoft.graph.models.UserCollectionResponse;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.RequestInformation;
import io.seatwarden.directory.DirectoryReadException;
import io.seatwarden.directory.SignInActivity;
import io.seatwarden.directory.UserId;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Reads every user's {@code createdDateTime} and {@code signInActivity}, for {@code reclaim.inactiveDays}:
 * {@code GET /users?$select=id,createdDateTime,signInActivity&$top=120}, following {@code @odata.nextLink}.
 *
 * <p>Why the whole tenant: Graph serves {@code signInActivity} when listing or getting users (user-list
 * example 11), not in group member lists, and documents no {@code $filter} by id together with it; one user
 * at a time ({@code GET /users/{id}}) is throttled far harder (public reports: about 10 a minute). The
 * listing costs {@code ceil(users / 120)} requests: 120 is the largest page Graph serves with
 * {@code signInActivity} selected (it answers larger {@code $top} with pages of 120; in March 2023 it briefly
 * refused them with "Cannot query data for more than 120 users at a time."), so asking for exactly 120 works
 * whatever it does with more.
 *
 * <p>Graph serves this only to an app granted the application permission {@code AuditLog.Read.All} in a
 * tenant with Microsoft Entra ID P1 or P2; otherwise it answers 403, which becomes a
 * {@link DirectoryReadException} naming what is missing, so that no one is judged inactive (or active)
 * without evidence. The listing sends no advanced-query headers (Graph documents none for
 * {@code signInActivity}), so it has no {@code @odata.count} to check the page chain against: a user the
 * listing did not return keeps no creation time and is therefore never judged inactive.
 */
final class SignInActivityReader {
    /** Graph's largest page with {@code signInActivity} selected (user-list, example 11). */
    static final int PAGE_SIZE = 120;
    static final String[] FIELDS = {"id", "createdDateTime", "signInActivity"};
    /** Graph's "no such sign-in" in older answers (user-list example 11 shows it for the non-interactive one). */
    private static final Instant NEVER = OffsetDateTime.parse("0001-01-01T00:00:00Z").toInstant();

    /** What reclaim needs of one user. */
    record Activity(Instant createdDateTime, SignInActivity signInActivity) {}

    private final GraphServiceClient client;
    private final ProgressListener progress;

    SignInActivityReader(GraphServiceClient client, ProgressListener progress) {
        this.client = requireNonNull(client, "client is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    /** Every user's activity, by id. */
    Map<UserId, Activity> read() {
        String what = "users' sign-in activity";
        Map<UserId, Activity> result = new HashMap<>();
        Set<String> seen = new HashSet<>();
        progress.pageRead(what, 0);
        try {
            UserCollectionResponse first = client.users().get(request -> {
                request.queryParameters.select = FIELDS;
                request.queryParameters.top = PAGE_SIZE;
            });
            if (first == null) {
                throw new DirectoryReadException("reading " + what + " from Graph failed: empty response");
            }
            new PageIterator.Builder<User, UserCollectionResponse>()
                    .client(client)
                    .collectionPage(first)
                    .collectionPageFactory(UserCollectionResponse::createFromDiscriminatorValue)
                    .requestConfigurator(request -> nextPage(what, request, seen))
                    .processPageItemCallback(user -> {
                        if (user.getId() != null) {
                            result.put(new UserId(user.getId()), activity(user));
                        }
                        return true;
                    })
                    .build()
                    .iterate();
        } catch (DirectoryReadException e) {
            throw e;
        } catch (ReflectiveOperationException e) {
            throw new DirectoryReadException("reading " + what + " from Graph failed: a page could not be read (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            throw failure(what, e);
        }
        return result;
    }

    private RequestInformation nextPage(String what, RequestInformation request, Set<String> seen) {
        if (!seen.add(request.urlTemplate)) {
            throw new DirectoryReadException("reading " + what + " from Graph failed: broken page chain (@odata.nextLink repeats: "
                    + request.urlTemplate + ")");
        }
        progress.pageRead(what, 0);
        return request;
    }

    static Activity activity(User user) {
        Instant created = instant(user.getCreatedDateTime());
        com.microsoft.graph.models.SignInActivity signIns = user.getSignInActivity();
        if (signIns == null) {
            return new Activity(created, null);
        }
        SignInActivity activity = new SignInActivity(instant(signIns.getLastSuccessfulSignInDateTime()),
                instant(signIns.getLastNonInteractiveSignInDateTime()), instant(signIns.getLastSignInDateTime()));
        boolean none = activity.lastSuccessfulSignInDateTime() == null && activity.lastNonInteractiveSignInDateTime() == null
                && activity.lastSignInDateTime() == null;
        return new Activity(created, none ? null : activity);
    }

    private static Instant instant(OffsetDateTime time) {
        if (time == null) {
            return null;
        }
        Instant instant = time.toInstant();
        return instant.equals(NEVER) ? null : instant;
    }

    /**
     * A 403 says what the tenant or the app lacks, in words an administrator can act on; anything else is
     * the usual read failure.
     */
    static DirectoryReadException failure(String what, RuntimeException failure) {
        if (failure instanceof ODataError error && error.getResponseStatusCode() == 403) {
            String code = error.getError() == null ? null : error.getError().getCode();
            String graphSaid = GraphErrors.describe(failure);
            String missing;
            if ("Authentication_MSGraphPermissionMissing".equalsIgnoreCase(code)) {
                missing = "the app registration lacks the Microsoft Graph application permission AuditLog.Read.All (add it under"
                        + " API permissions and grant admin consent)";
            } else if ("Authentication_RequestFromNonPremiumTenantOrB2CTenant".equalsIgnoreCase(code)) {
                missing = "the tenant has no Microsoft Entra ID P1 or P2 license, which Graph requires for sign-in activity (if it"
                        + " has one, public reports show this answer intermittently to apps without Directory.Read.All: grant"
                        + " that too)";
            } else {
                missing = "Graph refused it; sign-in activity needs the application permission AuditLog.Read.All and Microsoft"
                        + " Entra ID P1 or P2 in the tenant";
            }
            return new DirectoryReadException("reclaim.inactiveDays needs users' sign-in activity, and " + missing + ". Graph"
                    + " answered" + graphSaid.substring(1) + ". Nothing was planned: without sign-in activity no one can be"
                    + " judged inactive. Grant it, or remove reclaim.inactiveDays from the policies.");
        }
        return GraphErrors.readFailure(what, failure);
    }
}
