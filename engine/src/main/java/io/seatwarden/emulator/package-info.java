/**
 * A local Microsoft Graph v1.0 ({@link io.seatwarden.emulator.GraphEmulator}) serving a tenant file, for
 * tests, the demo and CI; the {@code emulator} command serves it from the command line. It follows
 * {@code shared/graph-facts.md}; where Graph's behaviour is undocumented, the choice made is listed here.
 *
 * <h2>Endpoints</h2>
 * {@code GET /organization}, {@code GET /subscribedSkus[/{id}]}, {@code GET /users}, {@code GET /users/$count},
 * {@code GET|PATCH /users/{id|userPrincipalName}}, {@code POST /users/{id|upn}/assignLicense},
 * {@code POST /users/{id|upn}/reprocessLicenseAssignment}, {@code GET /users/{id|upn}/licenseDetails},
 * {@code GET /groups}, {@code GET /groups/$count}, {@code GET /groups/{id}}, {@code POST /groups/{id}/assignLicense}
 * (202), {@code GET /groups/{id}/membersWithLicenseErrors},
 * {@code GET /groups/{id}/members} and {@code /transitiveMembers}, each optionally cast with
 * {@code /microsoft.graph.user} or {@code /microsoft.graph.group} (also the SDK's {@code graph.user} alias) and
 * optionally followed by {@code /$count}, {@code GET /users/delta} and {@code GET /groups/delta} (see
 * {@link io.seatwarden.emulator.DeltaApi}), {@code POST /groups/{id}/members/$ref} and
 * {@code DELETE /groups/{id}/members/{id}/$ref} (204), and {@code POST /$batch}. Path segments ignore case, as in Graph.
 * Other segments: 400 {@code BadRequest} "Resource not found for the segment"; paths outside {@code /v1.0}: 404;
 * a method a known resource does not support: 405.
 *
 * <h2>Licensing, as Entra runs it</h2>
 * <ul>
 *   <li>Every license source carries Graph's {@code state} and {@code error}. {@code assignedLicenses} and
 *       {@code consumedUnits} count only sources in an assigned state ({@code Active}, {@code ActiveWithError}).</li>
 *   <li>Group-based licensing reaches direct user members only, all or nothing per (user, group): {@code Active},
 *       or every license of the group {@code Error} with the first violation found, in the order
 *       {@code ProhibitedInUsageLocationViolation}, {@code MutuallyExclusiveViolation}, {@code DependencyViolation},
 *       {@code CountViolation} (INFERENCE: Microsoft documents the codes and the all-or-nothing rule, not the order,
 *       nor which code the group's other licenses get; here they all get the same). A seat the user already holds
 *       through another source is not taken again. An error stays until the user is reprocessed
 *       ({@code reprocessLicenseAssignment}, a membership change, or the group's own {@code assignLicense}); Entra
 *       documents no automatic retry when seats free up. Only security-enabled groups take licenses (400 otherwise,
 *       message INFERENCE). A group's {@code assignLicense} answers 202 with {@code licenseProcessingState}
 *       {@code QueuedForProcessing}; its members are processed by the first request at least
 *       {@code --licensing-delay} later ({@code ProcessingComplete} then; {@code ProcessingInProgress} is never
 *       observed). Membership changes ({@link io.seatwarden.emulator.TenantState#addMember}) are processed at once.</li>
 *   <li>A tenant file's states are taken as written; group licenses the file gives without states are
 *       {@code Active}, whatever the seat count, because the file describes the tenant as it is.</li>
 *   <li>Mutually exclusive service plans: Microsoft's list (the bundled {@code mutually-exclusive-service-plans.csv}),
 *       any two plans of one family. Plans that depend on another: the tenant file's emulator-only
 *       {@code servicePlans[].dependsOn} (Microsoft publishes no list). SKUs not offered in a usage location: the
 *       emulator-only {@code unavailableUsageLocations} of a SKU. A plan the file already has without its dependency
 *       does not block other changes; removing what a held plan depends on is refused.</li>
 *   <li>{@code hasMembersWithLicenseErrors} is accepted in {@code $filter} and served as null when selected (Graph
 *       never returns it on GET). {@code membersWithLicenseErrors} lists the group's direct user members with an
 *       error from that group. {@code licenseDetails} ids are the user's and the SKU's GUID bytes in base64url (Graph's
 *       are opaque; the shape matches its example); a plan every source disables has {@code provisioningStatus}
 *       {@code Disabled}, others {@code Success} (INFERENCE).</li>
 * </ul>
 *
 * <h2>Sign-in activity</h2>
 * <ul>
 *   <li>{@code createdDateTime} and {@code signInActivity} (the three timestamps; request ids null) come from the tenant
 *       file; a user without sign-ins on record is served {@code "signInActivity": null}.</li>
 *   <li>With {@code signInActivity} selected, pages hold at most 120 users whatever {@code $top} says (user-list example 11:
 *       "Requests with $top set higher than 120 will return pages with up to 120 users"). Microsoft refused such requests
 *       for two weeks in March 2023 ("Cannot query data for more than 120 users at a time.") and a 2025 docs change
 *       names 500; the emulator follows the v1.0 page it quotes.</li>
 *   <li>{@link io.seatwarden.emulator.SignInActivityAccess}: 403 {@code Authentication_MSGraphPermissionMissing} or
 *       {@code Authentication_RequestFromNonPremiumTenantOrB2CTenant}, with the messages public reports show.</li>
 * </ul>
 *
 * <h2>Decisions where Graph is undocumented or the emulator is simpler</h2>
 * <ul>
 *   <li>Properties the tenant file leaves out (e.g. {@code userType}, {@code appliesTo}, {@code mail}) are served as
 *       null (collections as empty), not invented, so that a file replays as is; {@code accountEnabled} absent is
 *       served true. Selecting a property Graph's user or group has but the emulator does not know is a 400.</li>
 *   <li>{@code assignLicense} hands out only {@code prepaidUnits.enabled} seats, unless
 *       {@link io.seatwarden.emulator.EmulatorOptions#countWarningSeats()}; SKUs not Enabled/Warning have none.
 *       Error texts: no seats "Subscription with SKU {id} does not have any available licenses."; no or
 *       invalid usage location "License assignment cannot be done for user with invalid usage location."
 *       (only when adding); inherited-only removal "User license is inherited from a group membership and it
 *       cannot be removed directly from the user."; Company SKU "License {id} cannot be assigned to a user.";
 *       a dependency "License assignment failed because service plan {id} depends on the service plan(s) {id},{id}."
 *       (shared/data/README.md). INFERENCE (no public source gives Graph's text): unknown SKU "License {id} does not
 *       correspond to a valid company License."; removing a license the user does not hold "User does not have a
 *       corresponding license."; mutually exclusive plans "License assignment failed because service plans {added}
 *       and {held} are mutually exclusive."; a SKU not offered where the user is "License assignment failed because
 *       the license {id} is not available in the usage location {XX}."; a SKU both added and removed, or listed
 *       twice, and a disabled plan the SKU does not list, 400. All are {@code Request_BadRequest}.</li>
 *   <li>OData casts on member lists require {@code ConsistencyLevel: eventual} and {@code $count=true}
 *       (current docs); without them 400 {@code Request_UnsupportedQuery}. So do {@code ne}, {@code not},
 *       {@code endsWith}, {@code $count} inside {@code $filter}, {@code $filter} with {@code $orderby}, and
 *       {@code $filter}/{@code $search}/{@code $orderby} on member lists; {@code $search} needs the header only;
 *       {@code /$count} without the header is 400 {@code Request_BadRequest}; {@code $count=true} without it is
 *       ignored. In a query string {@code +} is a space.</li>
 *   <li>{@code $search}: quoted {@code "property:text"} clauses with AND/OR, matching a word that starts with the
 *       text (words split at spaces, punctuation and lower-to-upper case changes): an approximation of the
 *       directory's tokenizer. {@code $orderby}: {@code displayName} (and {@code userPrincipalName} for users).</li>
 *   <li>{@code $expand} and {@code $skip} are refused (400 {@code Request_UnsupportedQuery}); {@code $skip} is not
 *       supported by Graph on directory objects either.</li>
 *   <li>Skip tokens are opaque positions in a stable order (file order, or the {@code $orderby} order), so paging
 *       never repeats or skips an item and the last page is never empty.</li>
 *   <li>Batch steps run in request order, dependencies first; a step whose dependency failed (not 2xx) gets
 *       424 {@code FailedDependency}. Step URLs may carry the version ({@code /v1.0/users}, as the JavaScript
 *       SDK sends them) or be absolute; both are accepted.</li>
 *   <li>Throttling: token buckets (see {@link io.seatwarden.emulator.Throttle}); a throttled request is not
 *       charged. {@code GET /users/{id}} is charged as {@code GET users} (2 units), {@code GET /groups}
 *       and {@code GET /groups/{id}} as "any other GET" (1).</li>
 *   <li>{@code --fail-rate} draws once per HTTP request (a whole {@code $batch} included), not per step:
 *       a 504 on a batch comes after every step took effect.</li>
 *   <li>Replication lag ({@code --replication-lag MS}): every read sees users, groups and seat counts as they were
 *       that long ago; a write, and its own answer, see the present. Graph documents lag for list reads, the
 *       advanced-query index and a read right after a write, without a figure; the emulator applies one lag to all
 *       reads.</li>
 * </ul>
 *
 * <h2>Remaining departures (GraphConformanceTest replays Microsoft's documented examples)</h2>
 * <ul>
 *   <li>No {@code /me} (no signed-in user): user-assignlicense's and user-list-licensedetails's examples are replayed on
 *       {@code /users/{id}}; json-batching's example (which uses {@code /me}, {@code /me/drive}) with served URLs.</li>
 *   <li>{@code identities}, {@code mail} and extension properties are not in tenant files: user-list examples 2 and 5
 *       and 10 do not match (an {@code identities} filter is 400; {@code mail} is null).</li>
 *   <li>Properties outside the served set: 400 rather than a value. {@code signInActivity} is served by {@code GET /users}
 *       and {@code GET /users/{id}} (by object id; by userPrincipalName 400, as public answers report, message INFERENCE),
 *       not in member lists (400: Graph documents no support there); {@code $filter} on it is not modelled (400).</li>
 *   <li>{@code $expand} (group-list example 7 expands members): 400. The same filter without it matches.</li>
 *   <li>{@code PATCH /users/{id}} takes only {@code usageLocation}, {@code accountEnabled} and {@code displayName}:
 *       user-update's example (businessPhones, officeLocation) is a 400.</li>
 *   <li>Dynamic groups keep the members the tenant file lists; their {@code membershipRule} is served, not
 *       evaluated, and {@code membershipRuleProcessingState} is {@code On}.</li>
 *   <li>Users are created and deleted only through {@link io.seatwarden.emulator.TenantState#createUser} and
 *       {@link io.seatwarden.emulator.TenantState#deleteUser} (tests), not over HTTP; groups are never created or
 *       deleted. Delta queries follow graph-facts §6; what Graph leaves undocumented (page sizes, the 410's text, the
 *       emulator's choice of {@code @removed} reasons) is listed on {@link io.seatwarden.emulator.DeltaApi}.
 *       Membership writes: a member added twice is 400 with Graph's text; an unknown member or group, or removing
 *       a non-member, 404; a dynamic group refuses both (400, text INFERENCE).</li>
 * </ul>
 */
package io.seatwarden.emulator;
