package io.seatwarden.directory;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantSnapshotTest {
    private static final String ALICE = "0f8fad5b-d9cb-469f-a165-70867728950e";

    private static User user(String id) {
        return new User(new UserId(id), id + "@contoso.example", id, "Member", null, null, true, "US", false, List.of());
    }

    private static Group group(String id, List<String> users, List<String> groups) {
        return new Group(new GroupId(id), id, users.stream().map(UserId::new).toList(), groups.stream().map(GroupId::new).toList(),
                List.of());
    }

    @Test
    void memberIndexesOfASnapshotMadeFromIdListsLeaveOutUsersItDoesNotHold() {
        TenantSnapshot tenant = new TenantSnapshot(TenantId.DEFAULT, List.of(), List.of(user(ALICE), user("bob"), user("carol")),
                List.of(group("g1", List.of("carol", "nobody", ALICE, "carol"), List.of()), group("g2", List.of(), List.of("g1"))));

        assertThat(tenant.memberIndexes(new GroupId("g1")).asList()).containsExactly(2, 0, 2);
        assertThat(tenant.memberIndexes(new GroupId("g2")).asList()).isEmpty();
        assertThat(tenant.memberIndexes(new GroupId("unknown")).asList()).isEmpty();
        assertThat(tenant.indexOf(new UserId("bob"))).isEqualTo(1);
        assertThat(tenant.user(new UserId("nobody"))).isEmpty();
    }

    @Test
    void aBuiltSnapshotKeepsTheMemberPositionsItWasGivenAndTheirIds() {
        TenantSnapshot.Builder builder = TenantSnapshot.builder();
        assertThat(builder.addUsers(List.of(user(ALICE), user("bob")))).isEmpty();
        builder.addUser(user("carol"));
        assertThat(builder.addUsers(List.of(user("dave"), user("bob"), user("erin"))))
                .contains(new TenantSnapshot.Builder.Duplicate(1, 1));
        assertThat(builder.userCount()).isEqualTo(4); // dave added; bob and what follows not
        assertThatThrownBy(() -> builder.addUser(user(ALICE))).isInstanceOf(IllegalArgumentException.class);
        char[] text = ("x" + ALICE).toCharArray();
        assertThat(builder.indexOf(text, 1, ALICE.length())).isZero();
        builder.addGroup(new GroupId("g1"), "Sales", com.google.common.primitives.ImmutableIntArray.of(3, 0), List.of(new GroupId("g2")),
                List.of(), List.of(), Optional.empty());
        builder.addGroup(new GroupId("g2"), "Inner", com.google.common.primitives.ImmutableIntArray.of(), List.of(), List.of(), List.of(),
                Optional.empty());
        TenantSnapshot tenant = builder.build(TenantId.DEFAULT, List.of());

        Group sales = tenant.group(new GroupId("g1")).orElseThrow();
        assertThat(sales.memberUsers()).containsExactly(new UserId("dave"), new UserId(ALICE));
        // a view of positions equals the list of ids it shows
        assertThat(sales).isEqualTo(new Group(new GroupId("g1"), "Sales", List.of(new UserId("dave"), new UserId(ALICE)),
                List.of(new GroupId("g2")), List.of()));
        assertThat(tenant.memberIndexes(new GroupId("g1")).asList()).containsExactly(3, 0);
        assertThat(tenant.indexOf(new UserId("dave"))).isEqualTo(3);
        assertThatThrownBy(() -> builder.addUser(user("frank"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSnapshotOfSnapshotsGroupsKeepsTheirMemberPositionsWhenItKeepsTheirUsers() {
        TenantSnapshot.Builder builder = TenantSnapshot.builder();
        builder.addUsers(List.of(user(ALICE), user("bob")));
        builder.addGroup(new GroupId("g1"), "Sales", com.google.common.primitives.ImmutableIntArray.of(1, 0), List.of(), List.of(),
                List.of(), Optional.empty());
        TenantSnapshot built = builder.build(TenantId.DEFAULT, List.of());
        TenantSnapshot same = new TenantSnapshot(built.tenantId(), built.subscribedSkus(), built.users(), built.groups());
        TenantSnapshot reordered = new TenantSnapshot(built.tenantId(), built.subscribedSkus(),
                List.of(built.users().get(1), built.users().get(0)), built.groups());

        assertThat(same.memberIndexes(new GroupId("g1")).asList()).containsExactly(1, 0);
        assertThat(reordered.memberIndexes(new GroupId("g1")).asList()).containsExactly(0, 1); // resolved again
    }

    @Test
    void aScopedSubsetLooksUsersUpAtTheirNewPositions() {
        List<User> users = List.of(user("u0"), user("u1"), user("u2"), user("u3"), user("u4"));
        TenantSnapshot tenant = new TenantSnapshot(TenantId.DEFAULT, List.of(), users,
                List.of(group("g1", List.of("u4", "u2"), List.of("g2")), group("g2", List.of("u3", "u4"), List.of()),
                        group("g3", List.of("u0"), List.of())));

        // most users kept: the subset looks ids up through the tenant's index
        TenantSnapshot most = SnapshotScope.subset(tenant, new ReadScope(Set.of("g1"), Set.of(), false), name -> List.of());
        assertThat(most.users()).extracting(User::id).containsExactly(new UserId("u2"), new UserId("u3"), new UserId("u4"));
        assertThat(most.indexOf(new UserId("u4"))).isEqualTo(2);
        assertThat(most.indexOf(new UserId("u0"))).isEqualTo(-1);
        assertThat(most.indexOf(new UserId("nobody"))).isEqualTo(-1);
        assertThat(most.memberIndexes(new GroupId("g1")).asList()).containsExactly(2, 0);
        assertThat(most.memberIndexes(new GroupId("g2")).asList()).containsExactly(1, 2);
        assertThat(most.group(new GroupId("g3"))).isEmpty();

        // few kept: its own index
        TenantSnapshot few = SnapshotScope.subset(tenant, new ReadScope(Set.of("g3"), Set.of(), false), name -> List.of());
        assertThat(few.users()).extracting(User::id).containsExactly(new UserId("u0"));
        assertThat(few.indexOf(new UserId("u0"))).isZero();
        assertThat(few.indexOf(new UserId("u4"))).isEqualTo(-1);
        assertThat(few.memberIndexes(new GroupId("g3")).asList()).containsExactly(0);
    }
}
