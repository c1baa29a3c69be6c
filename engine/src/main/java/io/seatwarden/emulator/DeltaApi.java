package io.seatwarden.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Graph's delta queries, {@code GET /users/delta} and {@code GET /groups/delta} (graph-facts §6): a first
 * round pages through every object, later rounds (from the saved {@code @odata.deltaLink}) through what
 * changed since, each object once per round, the last page carrying a new delta link.
 *
 * <ul>
 *   <li>Query options ({@code $select}, {@code $filter=id eq '...'} OR-ed up to 50) are given on the first
 *       request and carried in the tokens; on a token request they are ignored. {@code $top} is ignored,
 *       as Graph ignores it on delta (ISSUE microsoft-graph-docs#17516); {@code $orderby}, {@code $expand}
 *       and {@code $search} are 400 {@code Request_UnsupportedQuery}. Pages hold up to the emulator's page
 *       size of objects, at most {@value #MAX_PAGE_SIZE} (Graph does not document its delta page size; reports mention
 *       200 users; INFERENCE).</li>
 *   <li>{@code $select} limits what is tracked as well as what is returned: a user or group changed only
 *       in properties not selected does not appear. Users' {@code licenseAssignmentStates} is served when
 *       selected but never tracked (user-delta: its changes are not tracked).</li>
 *   <li>Groups: {@code members@delta} lists members by id and type, removed ones with
 *       {@code @removed: {reason: deleted}}; a group with more members than a page holds repeats on later
 *       entries, each with a slice of them. {@code members} is tracked when selected or when there is no
 *       {@code $select}. Removed objects: {@code {id, @removed: {reason: changed}}} (a deleted user is soft-deleted).</li>
 *   <li>{@code $deltatoken=latest} answers only a delta link: changes from now on. {@code Prefer: return=minimal}
 *       on a later round returns only the properties that changed (and {@code id}).</li>
 *   <li>A delta link older than 7 days: 400 {@code syncStateNotFound} (Microsoft's 2020 announcement of
 *       the 7-day lifetime gives code and text). A token issued before {@link TenantState#resetDeltaTokens()}:
 *       410 Gone with a {@code Location} to start again (graph-facts §6; code {@code resyncRequired} from
 *       Graph's error list, text INFERENCE). A token this emulator did not issue: 400 {@code Request_BadRequest}
 *       (INFERENCE).</li>
 *   <li>Delta reads see the present, not {@link EmulatorOptions#replicationLag()}.</li>
 * </ul>
 */
final class DeltaApi {
    static final Duration TOKEN_LIFETIME = Duration.ofDays(7);
    static final int MAX_FILTER_IDS = 50;
    private static final Pattern ID_EQUALS = Pattern.compile("\\s*id\\s+eq\\s+'([^']*)'\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern OR = Pattern.compile("\\s+or\\s+", Pattern.CASE_INSENSITIVE);

    private final TenantState state;
    private final ObjectMapper json;
    private final String baseUrl;
    /** The largest delta page, whatever the emulator's page size (see the class comment). */
    static final int MAX_PAGE_SIZE = 200;

    private final int pageSize;
    private final Clock clock;

    DeltaApi(TenantState state, ObjectMapper json, String baseUrl, int pageSize, Clock clock) {
        this.state = state;
        this.json = json;
        this.baseUrl = baseUrl;
        this.pageSize = pageSize;
        this.clock = clock;
    }

    EmulatorResponse users(EmulatorRequest request, QueryOptions query) {
        return delta("users", request, query);
    }

    EmulatorResponse groups(EmulatorRequest request, QueryOptions query) {
        return delta("groups", request, query);
    }

    /** One entry of a round: an object to show (its key), removed or not, and for groups a slice of member changes. */
    private record Entry(String key, boolean removed, Set<String> changed, List<ChangeLog.MemberChange> members, boolean skip) {}

    private EmulatorResponse delta(String resource, EmulatorRequest request, QueryOptions query) {
        for (String option : List.of("$orderby", "$expand", "$search")) {
            if (query.has(option)) {
                throw GraphErrorException.unsupportedQuery("The query option '" + option + "' is not supported with delta queries.");
            }
        }
        long now = clock.instant().getEpochSecond();
        return state.readForDelta(source -> {
            DeltaToken token;
            Optional<String> skip = query.skipToken().filter(text -> !text.isEmpty());
            Optional<String> deltaToken = query.get("$deltatoken").filter(text -> !text.isEmpty());
            if (skip.isPresent() || (deltaToken.isPresent() && !deltaToken.get().equalsIgnoreCase("latest"))) {
                token = checked(resource, skip.orElseGet(deltaToken::get), source.generation(), now);
                if (skip.isEmpty()) {
                    token = new DeltaToken(resource, token.generation(), token.from(), source.sequence(), 0, token.issuedAtSecond(),
                            token.select(), token.ids());
                }
            } else {
                Optional<List<String>> select = query.select().filter(names -> !names.isEmpty());
                selection(resource, select); // refuses unknown properties now
                token = new DeltaToken(resource, source.generation(), -1, source.sequence(), 0, now, select, filterIds(query));
                if (deltaToken.isPresent()) {
                    // "sync from now": no data, only the link for the changes to come
                    return page(resource, List.of(), Optional.empty(), Optional.of(token.nextRound(now)));
                }
            }
            boolean minimal = token.from() >= 0 && request.header("Prefer").map(value -> value.toLowerCase(Locale.ROOT)
                    .contains("return=minimal")).orElse(false);
            List<Entry> entries = resource.equals("users") ? userEntries(source, token) : groupEntries(source, token);
            int end = Math.min(entries.size(), token.position() + pageSize);
            List<ObjectNode> items = new ArrayList<>();
            for (Entry entry : entries.subList(Math.min(token.position(), entries.size()), end)) {
                render(resource, source, token, entry, minimal).ifPresent(items::add);
            }
            return end < entries.size()
                    ? page(resource, items, Optional.of(token.at(end)), Optional.empty())
                    : page(resource, items, Optional.empty(), Optional.of(token.nextRound(now)));
        });
    }

    private DeltaToken checked(String resource, String text, int generation, long now) {
        DeltaToken token = DeltaToken.decode(text).filter(decoded -> decoded.resource().equals(resource))
                .orElseThrow(() -> GraphErrorException.badRequest("The delta token or skip token '" + text + "' is not valid."));
        if (token.generation() != generation) {
            throw new GraphErrorException(410, "resyncRequired",
                    "The delta token is no longer valid: synchronize again from the start.",
                    Map.of("Location", restartLink(resource)));
        }
        if (now - token.issuedAtSecond() > TOKEN_LIFETIME.toSeconds()) {
            throw new GraphErrorException(400, "syncStateNotFound",
                    "The sync state generation is not found. The delta token is expired and data must be synchronized again.");
        }
        return token;
    }

    /** {@code $filter}: only {@code id eq '...'}, OR-ed, at most 50 (graph-facts §6). */
    private static List<String> filterIds(QueryOptions query) {
        Optional<String> filter = query.filter().filter(text -> !text.isBlank());
        if (filter.isEmpty()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (String clause : OR.split(filter.get().trim())) {
            Matcher matcher = ID_EQUALS.matcher(clause);
            if (!matcher.matches()) {
                throw GraphErrorException.unsupportedQuery("Delta queries support only $filter=id eq '{id}', OR-ed.");
            }
            ids.add(TenantState.key(matcher.group(1)));
        }
        if (ids.size() > MAX_FILTER_IDS) {
            throw GraphErrorException.unsupportedQuery("Delta queries can filter at most " + MAX_FILTER_IDS + " ids.");
        }
        return ids;
    }

    private List<Entry> userEntries(TenantState.DeltaSource source, DeltaToken token) {
        Set<String> ids = new HashSet<>(token.ids());
        Set<String> tracked = tracked("users", token.select());
        List<Entry> entries = new ArrayList<>();
        if (token.from() < 0) {
            for (String key : source.log().usersCreatedUpTo(token.upTo())) {
                if (ids.isEmpty() || ids.contains(key)) {
                    // a user deleted since the round began keeps its place (so pages do not shift) and is skipped
                    entries.add(new Entry(key, false, tracked, List.of(), source.user(key).isEmpty()));
                }
            }
            return entries;
        }
        for (ChangeLog.UserChange change : source.log().userChanges(token.from(), token.upTo())) {
            if (!ids.isEmpty() && !ids.contains(change.key())) {
                continue;
            }
            Set<String> changed = new LinkedHashSet<>(change.created() ? tracked : change.properties());
            changed.retainAll(tracked);
            if (change.removed() || change.created() || !changed.isEmpty()) {
                entries.add(new Entry(change.key(), change.removed(), changed, List.of(), false));
            }
        }
        return entries;
    }

    private List<Entry> groupEntries(TenantState.DeltaSource source, DeltaToken token) {
        Set<String> ids = new HashSet<>(token.ids());
        Set<String> tracked = tracked("groups", token.select());
        boolean members = tracked.contains("members");
        List<Entry> entries = new ArrayList<>();
        if (token.from() < 0) {
            for (String key : source.groupKeys()) {
                if (ids.isEmpty() || ids.contains(key)) {
                    slices(entries, key, tracked, members ? source.membersAt(key, token.upTo()) : List.of());
                }
            }
            return entries;
        }
        for (ChangeLog.GroupChange change : source.log().groupChanges(token.from(), token.upTo())) {
            if (!ids.isEmpty() && !ids.contains(change.key())) {
                continue;
            }
            Set<String> changed = new LinkedHashSet<>(change.properties());
            changed.retainAll(tracked);
            List<ChangeLog.MemberChange> memberChanges = members ? change.members() : List.of();
            if (!changed.isEmpty() || !memberChanges.isEmpty()) {
                slices(entries, change.key(), changed, memberChanges);
            }
        }
        return entries;
    }

    /** A group's entry, repeated with a slice of its members each when they do not fit one page. */
    private void slices(List<Entry> entries, String key, Set<String> changed, List<ChangeLog.MemberChange> members) {
        if (members.isEmpty()) {
            entries.add(new Entry(key, false, changed, List.of(), false));
            return;
        }
        for (int start = 0; start < members.size(); start += pageSize) {
            entries.add(new Entry(key, false, changed, members.subList(start, Math.min(members.size(), start + pageSize)), false));
        }
    }

    /** The properties a round tracks: those selected (id always), or Graph's default set; groups add {@code members}. */
    private static Set<String> tracked(String resource, Optional<List<String>> select) {
        Set<String> result = new LinkedHashSet<>(selection(resource, select));
        if (resource.equals("groups") && (select.isEmpty() || select.get().stream().anyMatch("members"::equalsIgnoreCase))) {
            result.add("members");
        }
        result.remove("licenseAssignmentStates"); // served, not tracked (user-delta)
        return result;
    }

    private static List<String> selection(String resource, Optional<List<String>> select) {
        if (resource.equals("users")) {
            return Representations.userSelection(select);
        }
        Optional<List<String>> withoutMembers = select.map(names -> names.stream().filter(name -> !name.equalsIgnoreCase("members")).toList());
        if (withoutMembers.isPresent() && withoutMembers.get().isEmpty()) {
            return List.of("id");
        }
        return Representations.groupSelection(withoutMembers);
    }

    private Optional<ObjectNode> render(String resource, TenantState.DeltaSource source, DeltaToken token, Entry entry, boolean minimal) {
        if (entry.skip()) {
            return Optional.empty();
        }
        List<String> properties = new ArrayList<>(selection(resource, token.select()));
        if (!properties.contains("id")) {
            properties.add(0, "id");
        }
        if (minimal) {
            properties.removeIf(property -> !property.equals("id") && !entry.changed().contains(property));
        }
        if (resource.equals("users")) {
            Optional<UserView> user = source.user(entry.key());
            if (entry.removed() || user.isEmpty()) {
                return Optional.of(removed(entry.key(), "changed"));
            }
            return Optional.of(Representations.user(user.get(), properties, false));
        }
        Optional<GroupView> group = source.group(entry.key());
        if (group.isEmpty()) {
            return Optional.of(removed(entry.key(), "deleted"));
        }
        ObjectNode node = Representations.group(group.get(), properties, false);
        if (!entry.members().isEmpty()) {
            ArrayNode members = node.putArray("members@delta");
            for (ChangeLog.MemberChange member : entry.members()) {
                ObjectNode item = members.addObject();
                item.put("@odata.type", "#" + (member.user() ? GraphApi.USER_CAST : GraphApi.GROUP_CAST));
                item.put("id", member.id());
                if (member.removed()) {
                    item.putObject("@removed").put("reason", "deleted");
                }
            }
        }
        return Optional.of(node);
    }

    private ObjectNode removed(String id, String reason) {
        ObjectNode node = json.createObjectNode();
        node.put("id", id);
        node.putObject("@removed").put("reason", reason);
        return node;
    }

    private EmulatorResponse page(String resource, List<ObjectNode> items, Optional<DeltaToken> next, Optional<DeltaToken> delta) {
        ObjectNode body = json.createObjectNode();
        body.put("@odata.context", baseUrl + "/$metadata#" + resource);
        next.ifPresent(token -> body.put("@odata.nextLink", baseUrl + "/" + resource + "/delta?$skiptoken=" + token.encode()));
        delta.ifPresent(token -> body.put("@odata.deltaLink", baseUrl + "/" + resource + "/delta?$deltatoken=" + token.encode()));
        ArrayNode value = body.putArray("value");
        items.forEach(value::add);
        try {
            return EmulatorResponse.json(200, json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** Where a client starts again after 410 Gone: the collection's first delta request. */
    String restartLink(String resource) {
        return baseUrl + "/" + resource + "/delta";
    }
}
