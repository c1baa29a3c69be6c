package io.seatwarden.directory;

import java.util.List;

/**
 * User ids to positions in a snapshot's user list, by open addressing: a look-up costs about one cache miss
 * where a {@code HashMap} costs five (its table, node, boxed position, id record, string and its bytes), and
 * the index takes a fraction of the memory. Ids can be looked up from a parser's character buffer, so a group's
 * member list resolves without a string per member.
 *
 * <p>Graph's object ids are lower-case GUIDs: such an id is kept as its 128 bits, next to its position, in one
 * slot (three longs), and compared there without touching the id string. Any other id (upper-case, or not a
 * GUID: tenant files may name users {@code alice}) goes to a second table of strings; as the two kinds of text
 * never spell the same id, each id has one place to look. Grows while a reader adds users; not thread-safe
 * while it grows, read-only (and safe to share) once its snapshot is built.
 */
final class UserIndex {
    /** Slots per id at most 1 / 0.7: linear probing stays short. */
    private static final double MAX_LOAD = 0.7;
    private static final int GUID_LENGTH = 36;
    /** Ids parsed before a batch method probes for them (see {@link #addAll}). */
    private static final int BATCH = 512;

    /** Per slot: the GUID's high and low 64 bits and its position + 1 (0: an empty slot). */
    private long[] guids;
    private int guidMask;
    private int guidCount;
    /** Per slot: the id's hash << 32 | its position + 1, and the id; made for the first id that is not a lower-case GUID. */
    private long[] texts;
    private String[] textIds;
    private int textMask;
    private int textCount;
    private int size;
    /** What {@link #touch} read; never used. */
    private long touched;

    UserIndex(int expected) {
        int slots = capacity(expected);
        this.guids = new long[3 * slots];
        this.guidMask = slots - 1;
    }

    /**
     * The index of {@code users}, by position.
     *
     * @throws IllegalArgumentException when two users have the same id
     */
    static UserIndex of(List<User> users) {
        UserIndex index = new UserIndex(users.size());
        String[] ids = new String[users.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = users.get(i).id().value();
        }
        int duplicate = index.addAll(ids, ids.length);
        if (duplicate >= 0) {
            throw new IllegalArgumentException("duplicate user id " + ids[duplicate]);
        }
        return index;
    }

    int size() {
        return size;
    }

    /** Adds the id at the next position; false, adding nothing, when the index already holds it. */
    boolean add(String id) {
        return addOrFind(id) < 0;
    }

    /**
     * Adds the id at the next position and answers -1, or answers the position of the same id added before
     * (adding nothing).
     */
    int addOrFind(String id) {
        long high = high(id);
        long low = low(id);
        if (isGuid(id, high, low)) {
            if (guidCount + 1 > (guidMask + 1) * MAX_LOAD) {
                growGuids();
            }
            return insertGuid(high, low);
        }
        int known = findText(id);
        if (known >= 0) {
            return known;
        }
        if (texts == null || textCount + 1 > (textMask + 1) * MAX_LOAD) {
            growTexts();
        }
        placeText(texts, textIds, textMask, id.hashCode(), id, size);
        textCount++;
        size++;
        return -1;
    }

    /**
     * Adds the first {@code count} ids at the next positions, in order, and answers -1; or stops at the first id
     * held already (or earlier in {@code ids}) and answers its index in {@code ids}, the ids before it added.
     * Parses a batch, then probes it: with no work between them, the probes' cache misses overlap.
     */
    int addAll(String[] ids, int count) {
        long[] bits = new long[2 * Math.min(BATCH, count)];
        boolean[] guid = new boolean[Math.min(BATCH, count)];
        for (int start = 0; start < count; start += BATCH) {
            int end = Math.min(count, start + BATCH);
            while (guidCount + (end - start) > (guidMask + 1) * MAX_LOAD) {
                growGuids();
            }
            parse(ids, start, end, bits, guid);
            touch(bits, end - start);
            for (int i = start; i < end; i++) {
                int known = guid[i - start] ? insertGuid(bits[2 * (i - start)], bits[2 * (i - start) + 1]) : addOrFind(ids[i]);
                if (known >= 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The GUID bits of {@code ids[start..end)} into {@code bits}, and whether each is a lower-case GUID into {@code guid}. */
    private static void parse(String[] ids, int start, int end, long[] bits, boolean[] guid) {
        char[] chars = new char[GUID_LENGTH];
        for (int i = start; i < end; i++) {
            String id = ids[i];
            boolean isGuid = false;
            if (id.length() == GUID_LENGTH) {
                id.getChars(0, GUID_LENGTH, chars, 0); // faster than 36 calls of charAt
                bits[2 * (i - start)] = high(chars, 0);
                bits[2 * (i - start) + 1] = low(chars, 0);
                isGuid = isGuid(chars, 0, bits[2 * (i - start)], bits[2 * (i - start) + 1]);
            }
            guid[i - start] = isGuid;
        }
    }

    /** The positions of the first {@code count} ids into {@code positions}, -1 for one the index does not hold; as {@link #addAll}. */
    void findAll(String[] ids, int count, int[] positions) {
        long[] bits = new long[2 * Math.min(BATCH, count)];
        boolean[] guid = new boolean[Math.min(BATCH, count)];
        for (int start = 0; start < count; start += BATCH) {
            int end = Math.min(count, start + BATCH);
            parse(ids, start, end, bits, guid);
            touch(bits, end - start);
            for (int i = start; i < end; i++) {
                positions[i] = guid[i - start] ? findGuid(bits[2 * (i - start)], bits[2 * (i - start) + 1]) : findText(ids[i]);
            }
        }
    }

    /**
     * Reads the first slot of each GUID in {@code bits}, with nothing depending on what it reads: the reads' cache
     * misses overlap, where the probes that follow, each deciding on what it read, would wait for one after another.
     */
    private void touch(long[] bits, int count) {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += guids[3 * guidSlot(bits[2 * i], bits[2 * i + 1], guidMask) + 2];
        }
        touched = sum; // kept, so that the reads are made
    }

    /** Adds a GUID at the next position (the table has room) and answers -1, or answers its position. */
    private int insertGuid(long high, long low) {
        int slot = guidSlot(high, low, guidMask);
        for (int at = 3 * slot; guids[at + 2] != 0; slot = (slot + 1) & guidMask, at = 3 * slot) {
            if (guids[at] == high && guids[at + 1] == low) {
                return (int) guids[at + 2] - 1;
            }
        }
        guids[3 * slot] = high;
        guids[3 * slot + 1] = low;
        guids[3 * slot + 2] = size + 1L;
        guidCount++;
        size++;
        return -1;
    }

    /**
     * The positions of {@code count} ids spelt in {@code text} (id {@code i}: {@code lengths[i]} characters from
     * {@code offsets[i]}) into {@code positions}, -1 for an id the index does not hold. Parses, then probes, as
     * {@link #addAll}.
     */
    void findAll(char[] text, int[] offsets, int[] lengths, int count, int[] positions) {
        long[] bits = new long[2 * count];
        for (int i = 0; i < count; i++) {
            boolean guid = false;
            if (lengths[i] == GUID_LENGTH) {
                bits[2 * i] = high(text, offsets[i]);
                bits[2 * i + 1] = low(text, offsets[i]);
                guid = isGuid(text, offsets[i], bits[2 * i], bits[2 * i + 1]);
            }
            positions[i] = guid ? 0 : -2;
        }
        touch(bits, count);
        for (int i = 0; i < count; i++) {
            positions[i] = positions[i] == 0 ? findGuid(bits[2 * i], bits[2 * i + 1]) : find(text, offsets[i], lengths[i]);
        }
    }

    /** The id's position, or -1. */
    int find(String id) {
        long high = high(id);
        long low = low(id);
        return isGuid(id, high, low) ? findGuid(high, low) : findText(id);
    }

    private int findText(String id) {
        if (texts == null) {
            return -1;
        }
        int hash = id.hashCode();
        for (int slot = spread(hash) & textMask; ; slot = (slot + 1) & textMask) {
            long entry = texts[slot];
            if (entry == 0) {
                return -1;
            }
            if ((int) (entry >>> 32) == hash && textIds[slot].equals(id)) {
                return (int) entry - 1;
            }
        }
    }

    /** The position of the id spelt by {@code length} characters of {@code text} from {@code offset}, or -1. */
    int find(char[] text, int offset, int length) {
        if (length == GUID_LENGTH) {
            long high = high(text, offset);
            long low = low(text, offset);
            if (isGuid(text, offset, high, low)) {
                return findGuid(high, low);
            }
        }
        if (texts == null) {
            return -1;
        }
        int hash = 0;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + text[i]; // String.hashCode's
        }
        for (int slot = spread(hash) & textMask; ; slot = (slot + 1) & textMask) {
            long entry = texts[slot];
            if (entry == 0) {
                return -1;
            }
            if ((int) (entry >>> 32) == hash && spells(textIds[slot], text, offset, length)) {
                return (int) entry - 1;
            }
        }
    }

    private int findGuid(long high, long low) {
        for (int slot = guidSlot(high, low, guidMask); ; slot = (slot + 1) & guidMask) {
            int at = 3 * slot;
            long position = guids[at + 2];
            if (position == 0) {
                return -1;
            }
            if (guids[at] == high && guids[at + 1] == low) {
                return (int) position - 1;
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

    private void growGuids() {
        int slots = 2 * (guidMask + 1);
        long[] larger = new long[3 * slots];
        for (int at = 0; at < guids.length; at += 3) {
            if (guids[at + 2] != 0) {
                placeGuid(larger, slots - 1, guids[at], guids[at + 1], (int) guids[at + 2] - 1);
            }
        }
        guids = larger;
        guidMask = slots - 1;
    }

    private void growTexts() {
        int slots = texts == null ? 16 : 2 * (textMask + 1);
        long[] larger = new long[slots];
        String[] largerIds = new String[slots];
        for (int slot = 0; texts != null && slot < texts.length; slot++) {
            if (texts[slot] != 0) {
                placeText(larger, largerIds, slots - 1, (int) (texts[slot] >>> 32), textIds[slot], (int) texts[slot] - 1);
            }
        }
        texts = larger;
        textIds = largerIds;
        textMask = slots - 1;
    }

    private static void placeGuid(long[] table, int mask, long high, long low, int position) {
        int slot = guidSlot(high, low, mask);
        while (table[3 * slot + 2] != 0) {
            slot = (slot + 1) & mask;
        }
        table[3 * slot] = high;
        table[3 * slot + 1] = low;
        table[3 * slot + 2] = position + 1L;
    }

    private static void placeText(long[] table, String[] ids, int mask, int hash, String id, int position) {
        int slot = spread(hash) & mask;
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = ((long) hash << 32) | (position + 1L);
        ids[slot] = id;
    }

    private static int guidSlot(long high, long low, int mask) {
        long mixed = (high ^ Long.rotateLeft(low, 29)) * 0x9E3779B97F4A7C15L;
        return (int) (mixed >>> 32) & mask;
    }

    /** String hashes of similar ids differ in their low bits only a little; spread them over the table. */
    private static int spread(int hash) {
        int mixed = hash * 0x9E3779B9;
        return mixed ^ (mixed >>> 16);
    }

    private static int capacity(int expected) {
        int wanted = Math.max(16, (int) Math.ceil(expected / MAX_LOAD));
        return Integer.highestOneBit(wanted - 1) << 1;
    }

    // A lower-case GUID, 8-4-4-4-12 hexadecimal digits: the high 64 bits are its first 16 digits, the low the rest.
    // high() and low() parse in one pass and answer NOT_A_GUID when a character is no digit; isGuid() checks the
    // length and the dashes. A GUID whose half is all ones also reads as NOT_A_GUID: it goes to the table of other
    // ids, the same from a string as from a buffer, so it is still found.

    private static final long NOT_A_GUID = -1;
    /** Each character's digit value; 16 for any character that is no lower-case hexadecimal digit. */
    private static final byte[] DIGITS = new byte[128];

    static {
        java.util.Arrays.fill(DIGITS, (byte) 16);
        for (char c = '0'; c <= '9'; c++) {
            DIGITS[c] = (byte) (c - '0');
        }
        for (char c = 'a'; c <= 'f'; c++) {
            DIGITS[c] = (byte) (c - 'a' + 10);
        }
    }

    private static int digit(char c) {
        return c < 128 ? DIGITS[c] : 16;
    }

    private static boolean isGuid(String id, long high, long low) {
        return high != NOT_A_GUID && low != NOT_A_GUID && id.length() == GUID_LENGTH
                && id.charAt(8) == '-' && id.charAt(13) == '-' && id.charAt(18) == '-' && id.charAt(23) == '-';
    }

    /** For a text of GUID_LENGTH characters. */
    private static boolean isGuid(char[] text, int offset, long high, long low) {
        return high != NOT_A_GUID && low != NOT_A_GUID
                && text[offset + 8] == '-' && text[offset + 13] == '-' && text[offset + 18] == '-' && text[offset + 23] == '-';
    }

    private static long high(String id) {
        if (id.length() != GUID_LENGTH) {
            return NOT_A_GUID;
        }
        long bits = 0;
        int all = 0;
        for (int i = 0; i < 18; i++) {
            if (i != 8 && i != 13) {
                int d = digit(id.charAt(i));
                all |= d;
                bits = bits << 4 | d;
            }
        }
        return all > 15 ? NOT_A_GUID : bits;
    }

    private static long low(String id) {
        if (id.length() != GUID_LENGTH) {
            return NOT_A_GUID;
        }
        long bits = 0;
        int all = 0;
        for (int i = 19; i < GUID_LENGTH; i++) {
            if (i != 23) {
                int d = digit(id.charAt(i));
                all |= d;
                bits = bits << 4 | d;
            }
        }
        return all > 15 ? NOT_A_GUID : bits;
    }

    private static long high(char[] text, int offset) {
        long bits = 0;
        int all = 0;
        for (int i = 0; i < 18; i++) {
            if (i != 8 && i != 13) {
                int d = digit(text[offset + i]);
                all |= d;
                bits = bits << 4 | d;
            }
        }
        return all > 15 ? NOT_A_GUID : bits;
    }

    private static long low(char[] text, int offset) {
        long bits = 0;
        int all = 0;
        for (int i = 19; i < GUID_LENGTH; i++) {
            if (i != 23) {
                int d = digit(text[offset + i]);
                all |= d;
                bits = bits << 4 | d;
            }
        }
        return all > 15 ? NOT_A_GUID : bits;
    }
}
