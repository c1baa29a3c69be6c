package io.seatwarden.policy;

/**
 * Checks a policy file's text in one pass before the YAML parser sees it: its size, characters YAML
 * does not allow (the parser would report them at 1:1), and runs of characters without a space or
 * line break, whose parsing time grows with the square of their length.
 */
final class RawTextCheck {
    private RawTextCheck() {}

    /** True when the text may be parsed; otherwise the first problem found is added. */
    static boolean passes(PolicySource source, Problems problems) {
        String text = source.text();
        if (text.length() > PolicyLimits.MAX_FILE_BYTES) {
            problems.add(new SourceLocation(source.name(), 1, 1), PolicyLimits.tooLarge(text.length() + " characters"));
            return false;
        }
        int line = 1;
        int column = 1;
        int runStartLine = 1;
        int runStartColumn = 1;
        int run = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            if (!isPrintable(codePoint)) {
                problems.add(new SourceLocation(source.name(), line, column), String.format(
                        "the character U+%04X is not allowed in a YAML file (a control character or a broken encoding)",
                        codePoint));
                return false;
            }
            boolean lineBreak = codePoint == '\n' || codePoint == 0x85 || codePoint == 0x2028 || codePoint == 0x2029
                    || (codePoint == '\r' && (i >= text.length() || text.charAt(i) != '\n'));
            if (lineBreak || codePoint == ' ' || codePoint == '\t' || codePoint == '\r') {
                run = 0;
            } else if (run++ == 0) {
                runStartLine = line;
                runStartColumn = column;
            } else if (run > PolicyLimits.MAX_UNBROKEN_RUN) {
                problems.add(new SourceLocation(source.name(), runStartLine, runStartColumn), "more than "
                        + PolicyLimits.MAX_UNBROKEN_RUN + " characters without a space or line break; no policy key or"
                        + " value is longer than " + PolicyLimits.MAX_SCALAR_LENGTH + " characters");
                return false;
            }
            if (lineBreak) {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return true;
    }

    /** YAML 1.1's printable set, as SnakeYAML checks it. */
    private static boolean isPrintable(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0x7E) || c == 0x85 || (c >= 0xA0 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
