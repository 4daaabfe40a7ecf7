package dev.cairn.core.drift;

/** The delimiter and quote character of a CSV text, guessed from its first lines as Python's csv.Sniffer does. */
record CsvDialect(char delimiter, char quote) {

    private static final char[] DELIMITERS = {',', ';', '\t', '|'};
    private static final int SAMPLE_LINES = 20;

    static CsvDialect detect(String text) {
        String[] lines = text.lines().filter(line -> !line.isBlank()).limit(SAMPLE_LINES).toArray(String[]::new);
        char quote = usesSingleQuotes(text) ? '\'' : '"';
        char best = ',';
        int bestScore = -1;
        for (char delimiter : DELIMITERS) {
            int header = count(lines[0], delimiter, quote);
            if (header == 0) {
                continue;
            }
            // A delimiter that splits every sampled line into the header's field count beats one that merely occurs often.
            boolean consistent = true;
            for (String line : lines) {
                consistent &= count(line, delimiter, quote) == header;
            }
            int score = (consistent ? 1_000_000 : 0) + header;
            if (score > bestScore) {
                bestScore = score;
                best = delimiter;
            }
        }
        return new CsvDialect(best, quote);
    }

    /** Single quotes count as the quote character only when no double quote occurs and a field starts with one. */
    private static boolean usesSingleQuotes(String text) {
        if (text.indexOf('"') >= 0) {
            return false;
        }
        for (char delimiter : DELIMITERS) {
            if (text.contains(delimiter + "'")) {
                return true;
            }
        }
        return text.startsWith("'");
    }

    private static int count(String line, char delimiter, char quote) {
        int count = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == quote) {
                quoted = !quoted;
            } else if (c == delimiter && !quoted) {
                count++;
            }
        }
        return count;
    }
}
