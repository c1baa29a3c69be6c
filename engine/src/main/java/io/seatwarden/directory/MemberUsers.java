package io.seatwarden.directory;

import com.google.common.primitives.ImmutableIntArray;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A group's direct user members as a read-only view of positions in its snapshot's user list: a tenant file of
 * 5M users has 15M memberships, and a position is 4 bytes where a list of ids would hold a reference and
 * resolve each id again. Immutable: the users list and the positions never change.
 */
final class MemberUsers extends AbstractList<UserId> implements RandomAccess {
    private final List<User> users;
    private final ImmutableIntArray positions;

    MemberUsers(List<User> users, ImmutableIntArray positions) {
        this.users = users;
        this.positions = positions;
    }

    ImmutableIntArray positions() {
        return positions;
    }

    /** Whether these are positions in {@code list} (the very list, not an equal one). */
    boolean over(List<User> list) {
        return users == list;
    }

    @Override
    public UserId get(int index) {
        return users.get(positions.get(index)).id();
    }

    @Override
    public int size() {
        return positions.length();
    }
}
