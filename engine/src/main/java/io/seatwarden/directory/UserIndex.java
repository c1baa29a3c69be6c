package io.seatwarden.directory;

import java.util.Arrays;
import java.util.List;

/**
 * User ids to positions in a snapshot's user list: open addressing over one {@code long[]} (each slot the id's
 * hash and its position), so a look-up costs a probe or two and one string comparison instead of a
 * {@code HashMap}'s chain of nodes, boxed positions and id records; about a sixth of the memory. Ids can be
 * looked up from a parser's character buffer, so a group's member list resolves without a string per member.
 * Hashes are {@link String#hashCode()}'s, which the id strings cache. Grows while a reader adds users; not
 * thread-safe while it grows, read-only once its snapshot is built.
 */
final class UserIndex {
    /** Slots per user at most 1 / 0.7: linear probing stays short, and 5M users take 64 MiB of slots. */
    private static final double MAX_LOAD = 0.7;

    private long[] slots;
    private int mask;
    private String[] ids;
    private int size;

    UserIndex(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, (int) Math.ceil(expected / MAX_LOAD)) - 1) << 1;
        this.slots = new long[capacity];
        this.mask = capacity - 1;
        this.ids = new String[Math.max(16, expected)];
    }

    /**
     * The index of {@code users}, by position.
     *
     * @throws IllegalArgumentException when two users have the same id
     */
    static UserIndex of(List<User> users) {
        UserIndex index = new UserIndex(users.size());
        for (User user : users) {
            if (!index.add(user.id().value())) {
                throw new IllegalArgumentException("duplicate user id " + user.id());
            }
        }
        return index;
    }

    int size() {
        return size;
    }

    /** Adds the id at the next position; false, adding nothing, when the index already holds it. */
    boolean add(String id) {
        int hash = id.hashCode();
        if (find(id, hash) >= 0) {
            return false;
        }
        if (size + 1 > slots.length * MAX_LOAD) {
            grow();
        }
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size + (size >> 1));
        }
        ids[size] = id;
        place(slots, mask, hash, size);
        size++;
        return true;
    }

    /** The id's position, or -1. */
    int find(String id) {
        return find(id, id.hashCode());
    }

    private int find(String id, int hash) {
        for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
            long entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            int position = position(entry);
            if ((int) (entry >>> 32) == hash && ids[position].equals(id)) {
                return position;
            }
        }
    }

    /** The position of the id spelt by {@code length} characters of {@code text} from {@code offset}, or -1. */
    int find(char[] text, int offset, int length) {
        int hash = 0;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + text[i]; // String.hashCode's
        }
        for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
            long entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            int position = position(entry);
            if ((int) (entry >>> 32) == hash && spells(ids[position], text, offset, length)) {
                return position;
            }
        }
    }

    private static boolean spells(String id, char[] text, int offset, int length) {
        if (id.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (id.charAt(i) != text[offset + i]) {
                return false;
            }
        }
        return true;
    }

    private void grow() {
        long[] larger = new long[slots.length << 1];
        int largerMask = larger.length - 1;
        for (long entry : slots) {
            if (entry != 0) {
                place(larger, largerMask, (int) (entry >>> 32), position(entry));
            }
        }
        slots = larger;
        mask = largerMask;
    }

    private static void place(long[] table, int tableMask, int hash, int position) {
        int slot = spread(hash) & tableMask;
        while (table[slot] != 0) {
            slot = (slot + 1) & tableMask;
        }
        table[slot] = ((long) hash << 32) | (position + 1L); // position + 1: a zero slot is empty
    }

    private static int position(long entry) {
        return (int) entry - 1;
    }

    /** String hashes of similar ids differ in their low bits only a little; spread them over the table. */
    private static int spread(int hash) {
        int mixed = hash * 0x9E3779B9;
        return mixed ^ (mixed >>> 16);
    }
}
