package dev.cairn.core.drift;

/** What pandas reads as a number: decimal text with an optional exponent, or inf/infinity; nothing Java-only. */
final class NumberText {

    private NumberText() {
    }

    /** The number in {@code text}, or NaN when it is not one (pandas would keep the column as text). */
    static double parse(String text) {
        if (!looksNumeric(text)) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Whether {@code text} is an integer that pandas would read into an int64 column. */
    static boolean isIntegral(String text) {
        int start = text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0;
        if (start == text.length() || text.length() - start > 18) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Rejects what Double.parseDouble takes and pandas does not: type suffixes (1d, 2f), hex, "NaN". */
    private static boolean looksNumeric(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (start < end && (text.charAt(start) == '-' || text.charAt(start) == '+')) {
            start++;
        }
        if (start == end) {
            return false;
        }
        if (text.regionMatches(true, start, "inf", 0, end - start) || text.regionMatches(true, start, "infinity", 0,
                end - start)) {
            return end - start == 3 || end - start == 8;
        }
        boolean digits = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = true;
            } else if (c != '.' && c != 'e' && c != 'E' && c != '-' && c != '+') {
                return false;
            }
        }
        char last = text.charAt(end - 1);
        return digits && (last == '.' || last >= '0' && last <= '9');
    }
}
