package io.seatwarden.policy;

/**
 * How large a policy file and its parts may be. Policy files are small and written by people; the
 * limits are far above any real policy and far below what makes the YAML parser slow (its time grows
 * with the square of a value's length), so that a wrong or hostile file fails at once with a clear
 * problem instead of hanging {@code validate} or {@code plan}.
 */
public final class PolicyLimits {
    /** A policy file's size: 1 MiB holds thousands of policies. Checked before the file is read whole. */
    public static final int MAX_FILE_BYTES = 1024 * 1024;
    /** A key or value: group display names, UPNs and cron expressions are a few hundred characters at most. */
    public static final int MAX_SCALAR_LENGTH = 4096;
    /**
     * Characters in a row without a space or line break. Checked before parsing, in one pass, because the
     * parser's cost grows with the square of such a run; a flow list written without spaces stays far below.
     */
    public static final int MAX_UNBROKEN_RUN = 64 * 1024;
    /** Maps and lists inside each other: the format itself needs six levels. */
    public static final int MAX_NESTING_DEPTH = 32;

    private PolicyLimits() {}

    /** The problem for a file over {@link #MAX_FILE_BYTES}; {@code size} says how large it is ("52428800 bytes"). */
    public static String tooLarge(String size) {
        return "the file is too large (" + size + "); a policy file may be at most " + MAX_FILE_BYTES / 1024
                + " KiB: split the policies over several files";
    }
}
