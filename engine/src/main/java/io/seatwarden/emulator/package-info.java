/**
 * A local Microsoft Graph v1.0 ({@link io.seatwarden.emulator.GraphEmulator}) serving a tenant file, for
 * tests, the demo and CI; the {@code emulator} command serves it from the command line. It follows
 * {@code shared/graph-facts.md}; where Graph's behaviour is undocumented, the choice made is listed here.
 *
 * <h2>Endpoints</h2>
 * {@code GET /organization}, {@code GET /subscribedSkus[/{id}]}, {@code GET /users}, {@code GET /users/$count},
 * {@code GET|PATCH /users/{id|userPrincipalName}}, {@code POST /users/{id|upn}/assignLicense},
 * {@code GET /groups}, {@code GET /groups/$count}, {@code GET /groups/{id}},
 * {@code GET /groups/{id}/members} and {@code /transitiveMembers}, each optionally cast with
 * {@code /microsoft.graph.user} or {@code /microsoft.graph.group} (also the SDK's {@code graph.user} alias),
 * and {@code POST /$batch}. Other segments: 400 {@code BadRequest} "Resource not found for the segment";
 * paths outside {@code /v1.0}: 404; wrong methods: 405.
 *
 * <h2>Decisions where Graph is undocumented or the emulator is simpler</h2>
 * <ul>
 *   <li>Properties the tenant file leaves out (e.g. {@code userType}, {@code appliesTo}) are served as
 *       null, not invented, so that a file replays as is; {@code accountEnabled} absent is served true.</li>
 *   <li>{@code assignLicense} hands out only {@code prepaidUnits.enabled} seats, unless
 *       {@link io.seatwarden.emulator.EmulatorOptions#countWarningSeats()}; SKUs not Enabled/Warning have none.
 *       Error texts: no seats "Subscription with SKU {id} does not have any available licenses."; no or
 *       invalid usage location "License assignment cannot be done for user with invalid usage location."
 *       (only when adding); inherited-only removal "User license is inherited from a group membership and it
 *       cannot be removed directly from the user."; Company SKU "License {id} cannot be assigned to a user.";
 *       unknown SKU (INFERENCE) "License {id} does not correspond to a valid company License."; removing a
 *       license the user does not hold (INFERENCE) 400 "User does not have a corresponding license.";
 *       a SKU both added and removed, or listed twice, 400; a disabled plan the SKU does not list, 400.
 *       All are {@code Request_BadRequest}.</li>
 *   <li>OData casts on member lists require {@code ConsistencyLevel: eventual} and {@code $count=true}
 *       (current docs); without them 400 {@code Request_UnsupportedQuery}. So do {@code ne}, {@code not},
 *       {@code endsWith} and {@code $count} inside {@code $filter}; {@code /users/$count} without the header is
 *       400 {@code Request_BadRequest}; {@code $count=true} without it is ignored.</li>
 *   <li>{@code $orderby}, {@code $expand}, {@code $search} and {@code $skip} are refused (400
 *       {@code Request_UnsupportedQuery}); {@code $filter} on member lists too.</li>
 *   <li>Skip tokens are opaque positions in a stable order (file order), so paging never repeats or
 *       skips an item and the last page is never empty.</li>
 *   <li>Batch steps run in request order, dependencies first; a step whose dependency failed (not 2xx) gets
 *       424 {@code FailedDependency}. Step URLs may carry the version ({@code /v1.0/users}, as the JavaScript
 *       SDK sends them) or be absolute; both are accepted.</li>
 *   <li>Throttling: token buckets (see {@link io.seatwarden.emulator.Throttle}); a throttled request is not
 *       charged. {@code GET /users/{id}} is charged as {@code GET users} (2 units), {@code GET /groups}
 *       and {@code GET /groups/{id}} as "any other GET" (1).</li>
 *   <li>{@code --fail-rate} draws once per HTTP request (a whole {@code $batch} included), not per step:
 *       a 504 on a batch comes after every step took effect.</li>
 * </ul>
 */
package io.seatwarden.emulator;
