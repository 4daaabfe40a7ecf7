package dev.cairn.core.drift;

/** What pandas reads as a number: decimal text with an optional exponent, or inf/infinity; nothing Java-only. */
final class NumberText {

    private NumberText() {
    }

    /** Powers of ten that doubles hold exactly. */
    private static final double[] EXACT_POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    private static final long MAX_EXACT_SIGNIFICAND = 1L << 53;

    /** The number in {@code text}, or NaN when it is not one (pandas would keep the column as text). */
    static double parse(String text) {
        double fast = parseSimpleDecimal(text);
        if (!Double.isNaN(fast) || text.isEmpty()) {
            return fast;
        }
        if (!looksNumeric(text)) {
            return Double.NaN;
        }
        String trimmed = text.strip();
        if (Character.toLowerCase(trimmed.charAt(trimmed.length() - 1)) == 'f'
                || Character.toLowerCase(trimmed.charAt(trimmed.length() - 1)) == 'y') {
            // inf or infinity (looksNumeric let no other word through); Java spells it Infinity.
            return trimmed.charAt(0) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * Clinger's fast path for the plain decimals data files are made of ({@code -12.375}, {@code 3.1e-5}): when the
     * digits fit in 53 bits and the power of ten is at most 22, one IEEE multiplication or division of two exact
     * doubles is the correctly rounded value, exactly what {@link Double#parseDouble} returns, at a fraction of its
     * cost. NaN for anything else, which then takes the general path.
     */
    private static double parseSimpleDecimal(String text) {
        int length = text.length();
        int i = 0;
        boolean negative = false;
        if (i < length && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        long significand = 0;
        int digits = 0;
        int scale = 0;
        boolean point = false;
        for (; i < length; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (significand >= MAX_EXACT_SIGNIFICAND / 10) {
                    return Double.NaN;
                }
                significand = significand * 10 + (c - '0');
                digits++;
                scale -= point ? 1 : 0;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (i < length) {
            char c = text.charAt(i);
            if (c != 'e' && c != 'E' || i + 1 == length) {
                return Double.NaN;
            }
            int exponentStart = ++i;
            boolean negativeExponent = false;
            if (text.charAt(i) == '-' || text.charAt(i) == '+') {
                negativeExponent = text.charAt(i) == '-';
                exponentStart = ++i;
            }
            int exponent = 0;
            for (; i < length; i++) {
                char e = text.charAt(i);
                if (e < '0' || e > '9' || exponent > 1000) {
                    return Double.NaN;
                }
                exponent = exponent * 10 + (e - '0');
            }
            if (i == exponentStart) {
                return Double.NaN;
            }
            scale += negativeExponent ? -exponent : exponent;
        }
        if (scale < -22 || scale > 22) {
            return Double.NaN;
        }
        double value = scale < 0 ? significand / EXACT_POWERS_OF_TEN[-scale] : significand * EXACT_POWERS_OF_TEN[scale];
        return negative ? -value : value;
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
