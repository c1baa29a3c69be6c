package io.seatwarden.directory.file;

import com.google.common.collect.ImmutableSortedSet;
import com.google.common.primitives.ImmutableIntArray;
import io.seatwarden.directory.AssignmentState;
import io.seatwarden.directory.CapabilityStatus;
import io.seatwarden.directory.GroupId;
import io.seatwarden.directory.LicenseAssignment;
import io.seatwarden.directory.PrepaidUnits;
import io.seatwarden.directory.ServicePlan;
import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SignInActivity;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.SubscribedSku;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.User;
import io.seatwarden.directory.UserId;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.function.Function;

/**
 * Builds a {@link TenantSnapshot} from tenant-file entries fed one at a time, so that a streaming
 * reader never holds a million parsed entries and their snapshot twins at once.
 *
 * <p>Licenses: when a user lists {@code licenseAssignmentStates}, those are the sources of its
 * licenses (as Graph reports them, with their {@code state} and {@code error}: only assigned states are
 * held, see {@link User#failedLicenses()}); otherwise the user's {@code assignedLicenses} are direct
 * assignments, and each group's {@code assignedLicenses} (Entra's own group-based licensing) adds an
 * inherited source to the group's direct user members. When a SKU's {@code consumedUnits} is
 * absent it is derived: one seat per user per SKU, whatever the number of sources.
 *
 * <p>Group members are resolved to user positions as they are read ({@link #members()}, fed by
 * {@link MemberIds}), once: an id that names no user read so far (a nested group, or a user listed after the
 * groups) waits as text and is resolved when the file is done, in the order of the file, so that the first
 * member naming nothing is the one reported, whichever order the file lists users and groups in.
 *
 * <p>Memory: equal license sources, license lists, disabled-plan sets and the short strings users share
 * ({@code userType}, {@code usageLocation}...) are one object each.
 */
final class SnapshotAssembler {
    /** Interning stops at this many distinct values of a kind: beyond it they are not shared, just kept. */
    private static final int MAX_SHARED = 1 << 16;
    /**
     * Users and members are looked up in batches: a look-up is a cache miss in a table of millions, and misses
     * overlap only when nothing (such as parsing the next entry) comes between them.
     */
    private static final int BATCH = 1024;

    private String tenantId;
    private final List<TenantFile.Sku> skus = new ArrayList<>();
    private final List<Place> skuPlaces = new ArrayList<>();
    private final TenantSnapshot.Builder snapshot = TenantSnapshot.builder();
    private final BitSet explicitStates = new BitSet();
    /** Users read but not yet added to the snapshot (their ids not yet checked), and where each starts. */
    private final List<User> unchecked = new ArrayList<>(BATCH);
    private final List<Place> uncheckedPlaces = new ArrayList<>(BATCH);
    private final List<TenantFile.GroupEntry> groups = new ArrayList<>();
    private final List<Place> groupPlaces = new ArrayList<>();
    /** Per group, each member in order: a user position, or {@code -1 - i} for {@code pending.get(i)}. */
    private final List<int[]> groupMembers = new ArrayList<>();
    private final List<String> pending = new ArrayList<>();
    private final Members members = new Members();
    private final Map<List<String>, SortedSet<ServicePlanId>> planSets = new HashMap<>();
    private final Map<Object, LicenseAssignment> sources = new HashMap<>();
    private final Map<List<LicenseAssignment>, List<LicenseAssignment>> sourceLists = new HashMap<>();
    private final Map<String, String> texts = new HashMap<>();
    /** By identity: a list the streaming reader shares stands for every user holding the same licenses. */
    private final Map<List<TenantFile.License>, List<LicenseAssignment>> directLists = new IdentityHashMap<>();

    void tenantId(String id) {
        this.tenantId = id;
    }

    void addSku(TenantFile.Sku sku, Place place) {
        skus.add(sku);
        skuPlaces.add(place);
    }

    void addUser(TenantFile.UserEntry entry, Place place) {
        int index = snapshot.userCount() + unchecked.size();
        List<LicenseAssignment> held;
        List<LicenseAssignment> failed = List.of();
        if (entry.licenseAssignmentStates() == null) {
            held = directLicenses(entry, index, place);
        } else {
            List<LicenseAssignment> sources = stateLicenses(entry);
            held = sources;
            if (sources.stream().anyMatch(source -> !source.isAssigned())) {
                held = new ArrayList<>(sources.size());
                failed = new ArrayList<>(1);
                for (LicenseAssignment source : sources) {
                    (source.isAssigned() ? held : failed).add(source);
                }
            }
            held = sharedList(held);
        }
        unchecked.add(new User(new UserId(entry.id()), entry.userPrincipalName(), entry.displayName(), shared(entry.userType()),
                shared(entry.creationType()), shared(entry.externalUserState()),
                // Absent means enabled: Graph creates accounts enabled, and "disabled" must be said.
                entry.accountEnabled() == null || entry.accountEnabled(),
                shared(entry.usageLocation()), entry.onPremisesSyncEnabled(), held, failed,
                instant(entry.createdDateTime()), signIns(entry.signInActivity())));
        uncheckedPlaces.add(place);
        if (entry.licenseAssignmentStates() != null) {
            explicitStates.set(index);
        }
        if (unchecked.size() == BATCH) {
            checkUsers();
        }
    }

    /**
     * Adds the users read so far to the snapshot, refusing a duplicate id. A reader calls it before it reports
     * any other error: a duplicate user earlier in the file is the first error, as when each user was checked
     * as it was read.
     */
    void checkUsers() {
        if (unchecked.isEmpty()) {
            return;
        }
        int first = snapshot.userCount();
        Optional<TenantSnapshot.Builder.Duplicate> duplicate = snapshot.addUsers(unchecked);
        List<User> batch = List.copyOf(unchecked);
        List<Place> places = List.copyOf(uncheckedPlaces);
        unchecked.clear();
        uncheckedPlaces.clear();
        if (duplicate.isPresent()) {
            int index = duplicate.get().index();
            throw new TenantFileException(places.get(index) + ": users[" + (first + index) + "]: duplicate user id '"
                    + batch.get(index).id().value() + "' (also users[" + duplicate.get().position() + "])");
        }
    }

    private static Instant instant(String text) {
        return text == null ? null : OffsetDateTime.parse(text).toInstant();
    }

    private static SignInActivity signIns(TenantFile.SignIns signIns) {
        return signIns == null ? null : new SignInActivity(instant(signIns.lastSuccessfulSignInDateTime()),
                instant(signIns.lastNonInteractiveSignInDateTime()), instant(signIns.lastSignInDateTime()));
    }

    /** Where a streaming reader hands the members of the group it reads next, before {@link #addGroup}. */
    MemberIds.Sink members() {
        return members;
    }

    /** Before each group entry a streaming reader reads: the entry's members start empty. */
    void startGroup() {
        checkUsers();
        members.reset(true);
    }

    /** A group entry: its members are those the reader handed to {@link #members()}, else the entry's own list. */
    void addGroup(TenantFile.GroupEntry group, Place place) {
        checkUsers();
        int[] resolved;
        if (members.streamed) {
            resolved = members.toArray();
        } else {
            resolved = new int[group.members().size()];
            for (int m = 0; m < resolved.length; m++) {
                resolved[m] = resolve(group.members().get(m));
            }
        }
        members.reset(false);
        groups.add(group);
        groupPlaces.add(place);
        groupMembers.add(resolved);
    }

    /** A user's position, or a pending id: one not (yet) read as a user's. */
    private int resolve(String id) {
        int position = snapshot.indexOf(id);
        return position >= 0 ? position : pending(id);
    }

    private int pending(String id) {
        pending.add(id);
        return -pending.size();
    }

    TenantSnapshot build() {
        checkUsers();
        Map<String, Integer> groupIds = new HashMap<>();
        GroupId[] ids = new GroupId[groups.size()];
        for (int i = 0; i < groups.size(); i++) {
            String id = groups.get(i).id();
            Integer first = groupIds.putIfAbsent(id, i);
            if (first != null) {
                throw new TenantFileException(groupPlaces.get(i) + ": groups[" + i + "]: duplicate group id '" + id
                        + "' (also groups[" + first + "] at " + groupPlaces.get(first) + ")");
            }
            int user = snapshot.indexOf(id);
            if (user >= 0) {
                throw new TenantFileException(groupPlaces.get(i) + ": groups[" + i + "]: id '" + id
                        + "' is also the id of users[" + user + "]");
            }
            ids[i] = new GroupId(id);
        }
        Map<Integer, List<LicenseAssignment>> inherited = new HashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            TenantFile.GroupEntry entry = groups.get(g);
            int[] slots = groupMembers.get(g);
            ImmutableIntArray.Builder memberUsers = ImmutableIntArray.builder(slots.length);
            List<GroupId> memberGroups = new ArrayList<>(0);
            for (int m = 0; m < slots.length; m++) {
                if (slots[m] >= 0) {
                    memberUsers.add(slots[m]);
                    continue;
                }
                String member = pending.get(-1 - slots[m]);
                Integer group = groupIds.get(member);
                int user = group == null ? snapshot.indexOf(member) : -1;
                if (group != null) {
                    memberGroups.add(ids[group]);
                } else if (user >= 0) {
                    memberUsers.add(user);
                } else {
                    throw new TenantFileException(groupPlaces.get(g) + ": groups[" + g + "].members[" + m
                            + "]: no user or group has id '" + member + "'");
                }
            }
            List<User.EffectiveLicense> groupLicenses = new ArrayList<>();
            for (TenantFile.License license : entry.assignedLicenses()) {
                groupLicenses.add(new User.EffectiveLicense(SkuId.of(license.skuId()), planIds(license.disabledPlans())));
            }
            ImmutableIntArray positions = memberUsers.build();
            inherit(ids[g], groupLicenses, positions, inherited);
            snapshot.addGroup(ids[g], entry.displayName(), positions, memberGroups, groupLicenses, entry.groupTypes(),
                    Optional.ofNullable(entry.membershipRule()));
        }
        inherited.forEach((index, licenses) -> {
            List<LicenseAssignment> all = new ArrayList<>(snapshot.user(index).licenses());
            all.addAll(licenses);
            snapshot.replaceUser(index, snapshot.user(index).withLicenses(all));
        });

        Map<SkuId, Integer> holders = new HashMap<>();
        for (int u = 0; u < snapshot.userCount(); u++) {
            List<LicenseAssignment> licenses = snapshot.user(u).licenses();
            for (int i = 0; i < licenses.size(); i++) {
                if (firstSource(licenses, i)) {
                    holders.merge(licenses.get(i).skuId(), 1, Integer::sum); // one seat per user per SKU
                }
            }
        }
        Map<SkuId, Integer> seen = new HashMap<>();
        List<SubscribedSku> skuList = new ArrayList<>();
        for (int i = 0; i < skus.size(); i++) {
            TenantFile.Sku entry = skus.get(i);
            SkuId skuId = SkuId.of(entry.skuId());
            Integer first = seen.putIfAbsent(skuId, i);
            if (first != null) {
                throw new TenantFileException(skuPlaces.get(i) + ": subscribedSkus[" + i + "]: duplicate skuId '"
                        + entry.skuId() + "' (also subscribedSkus[" + first + "] at " + skuPlaces.get(first) + ")");
            }
            CapabilityStatus status = CapabilityStatus.fromGraph(entry.capabilityStatus()); // checked when read
            List<ServicePlan> plans = new ArrayList<>();
            for (TenantFile.Plan plan : entry.servicePlans()) {
                plans.add(new ServicePlan(ServicePlanId.of(plan.servicePlanId()), plan.servicePlanName(), plan.appliesTo(),
                        plan.requiredPlans().stream().map(ServicePlanId::of).toList()));
            }
            TenantFile.Units units = entry.prepaidUnits();
            int consumed = entry.consumedUnits() != null ? entry.consumedUnits() : holders.getOrDefault(skuId, 0);
            skuList.add(new SubscribedSku(skuId, entry.skuPartNumber(), status,
                    new PrepaidUnits(units.enabled(), units.suspended(), units.warning(), units.lockedOut()),
                    consumed, plans, entry.appliesTo()));
        }
        return snapshot.build(tenantId == null ? TenantId.DEFAULT : new TenantId(tenantId), skuList);
    }

    /** A group's licenses become sources of its direct user members, unless a user lists its own states. */
    private void inherit(GroupId group, List<User.EffectiveLicense> licenses, ImmutableIntArray members,
            Map<Integer, List<LicenseAssignment>> inherited) {
        if (licenses.isEmpty()) {
            return;
        }
        for (int m = 0; m < members.length(); m++) {
            int index = members.get(m);
            if (explicitStates.get(index)) {
                continue; // the user's own states already list what the group gives
            }
            for (User.EffectiveLicense license : licenses) {
                inherited.computeIfAbsent(index, key -> new ArrayList<>())
                        .add(new LicenseAssignment(license.skuId(), license.disabledPlans(), Optional.of(group)));
            }
        }
    }

    private static boolean firstSource(List<LicenseAssignment> licenses, int index) {
        for (int earlier = 0; earlier < index; earlier++) {
            if (licenses.get(earlier).skuId().equals(licenses.get(index).skuId())) {
                return false;
            }
        }
        return true;
    }

    private List<LicenseAssignment> stateLicenses(TenantFile.UserEntry entry) {
        List<LicenseAssignment> result = new ArrayList<>(entry.licenseAssignmentStates().size());
        for (TenantFile.LicenseState state : entry.licenseAssignmentStates()) {
            result.add(source(state, key -> new LicenseAssignment(SkuId.of(state.skuId()), planIds(state.disabledPlans()),
                    Optional.ofNullable(state.assignedByGroup()).map(GroupId::new), AssignmentState.fromGraph(state.state()),
                    AssignmentState.errorFromGraph(state.error()))));
        }
        return result;
    }

    /**
     * A user's {@code assignedLicenses} as direct sources, one shared list per distinct list. The streaming reader
     * hands one list object per distinct list ({@link UserEntryReader}): such a list is looked up by identity.
     */
    private List<LicenseAssignment> directLicenses(TenantFile.UserEntry entry, int index, Place place) {
        List<TenantFile.License> licenses = entry.assignedLicenses();
        List<LicenseAssignment> known = directLists.get(licenses);
        if (known != null) {
            return known;
        }
        if (licenses.size() > 1) {
            Set<String> seen = new HashSet<>();
            for (int l = 0; l < licenses.size(); l++) {
                if (!seen.add(licenses.get(l).skuId().toLowerCase(Locale.ROOT))) {
                    throw new TenantFileException(place + ": users[" + index + "].assignedLicenses[" + l + "]: SKU "
                            + licenses.get(l).skuId() + " is listed twice");
                }
            }
        }
        List<LicenseAssignment> result = new ArrayList<>(licenses.size());
        for (TenantFile.License license : licenses) {
            result.add(source(license, key -> LicenseAssignment.direct(SkuId.of(license.skuId()), planIds(license.disabledPlans()))));
        }
        List<LicenseAssignment> shared = sharedList(result);
        if (directLists.size() < MAX_SHARED) {
            directLists.put(licenses, shared);
        }
        return shared;
    }

    /** One shared source per distinct entry of the file (a license or a license state: records, compared by value). */
    private LicenseAssignment source(Object key, Function<Object, LicenseAssignment> make) {
        LicenseAssignment known = sources.get(key);
        if (known != null) {
            return known;
        }
        LicenseAssignment made = make.apply(key);
        if (sources.size() < MAX_SHARED) {
            sources.put(key, made);
        }
        return made;
    }

    /** One shared immutable list per distinct list of sources: most users hold one of a few. */
    private List<LicenseAssignment> sharedList(List<LicenseAssignment> licenses) {
        if (licenses.isEmpty()) {
            return List.of();
        }
        List<LicenseAssignment> known = sourceLists.get(licenses);
        if (known != null) {
            return known;
        }
        List<LicenseAssignment> made = List.copyOf(licenses);
        if (sourceLists.size() < MAX_SHARED) {
            sourceLists.put(made, made);
        }
        return made;
    }

    /** One string per distinct value of a short property many users share ({@code Member}, {@code US}...). */
    private String shared(String text) {
        if (text == null) {
            return null;
        }
        String known = texts.get(text);
        if (known != null) {
            return known;
        }
        if (texts.size() < MAX_SHARED) {
            texts.put(text, text);
        }
        return text;
    }

    /** One shared immutable set per distinct list of plan ids. */
    private SortedSet<ServicePlanId> planIds(List<String> ids) {
        return planSets.computeIfAbsent(ids, key -> {
            ImmutableSortedSet.Builder<ServicePlanId> set = ImmutableSortedSet.naturalOrder();
            key.forEach(id -> set.add(ServicePlanId.of(id)));
            return set.build();
        });
    }

    /**
     * The members of the group entry being read, resolved to user positions in batches (ids other than the
     * users' so far wait, see the class comment).
     */
    private final class Members implements MemberIds.Sink {
        private int[] slots = new int[64];
        private int count;
        /** Whether the entry being read is a streamed one (its members come here, not in the entry). */
        private boolean streamed;
        /** The batch: ids copied from the parser, and the slot each resolves. */
        private char[] text = new char[BATCH * 36];
        private int used;
        private final int[] offsets = new int[BATCH];
        private final int[] lengths = new int[BATCH];
        private final int[] targets = new int[BATCH];
        private final int[] found = new int[BATCH];
        private int batched;

        void reset(boolean streaming) {
            start();
            streamed = streaming;
        }

        int[] toArray() {
            resolveBatch();
            return Arrays.copyOf(slots, count);
        }

        @Override
        public void start() {
            count = 0;
            batched = 0;
            used = 0;
        }

        @Override
        public void member(char[] id, int offset, int length) {
            if (used + length > text.length) {
                text = Arrays.copyOf(text, Math.max(2 * text.length, used + length));
            }
            System.arraycopy(id, offset, text, used, length);
            offsets[batched] = used;
            lengths[batched] = length;
            targets[batched] = count;
            used += length;
            batched++;
            add(0); // resolved with the batch
            if (batched == BATCH) {
                resolveBatch();
            }
        }

        @Override
        public void member(String id) {
            add(resolve(id));
        }

        private void resolveBatch() {
            snapshot.indexOf(text, offsets, lengths, batched, found);
            for (int i = 0; i < batched; i++) {
                slots[targets[i]] = found[i] >= 0 ? found[i] : pending(new String(text, offsets[i], lengths[i]));
            }
            batched = 0;
            used = 0;
        }

        private void add(int slot) {
            if (count == slots.length) {
                slots = Arrays.copyOf(slots, count * 2);
            }
            slots[count++] = slot;
        }
    }
}
