package dev.cairn.core.tracking.search;

import dev.cairn.core.tracking.TrackingException;
import dev.cairn.core.tracking.search.Comparison.EntityType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses MLflow's search grammar (mlflow/utils/search_utils.py): clauses
 * {@code <type>.<key> <comparator> <value>} joined by AND, keys quoted with backticks or double
 * quotes, string values in single or double quotes, IN lists in parentheses; and order_by entries
 * {@code <type>.<key> [ASC|DESC]}. Errors name the position and what was expected.
 */
public final class FilterParser {

    private static final Map<String, EntityType> PREFIXES = Map.ofEntries(
            Map.entry("metric", EntityType.METRIC), Map.entry("metrics", EntityType.METRIC),
            Map.entry("param", EntityType.PARAM), Map.entry("params", EntityType.PARAM),
            Map.entry("parameter", EntityType.PARAM), Map.entry("parameters", EntityType.PARAM),
            Map.entry("tag", EntityType.TAG), Map.entry("tags", EntityType.TAG),
            Map.entry("attribute", EntityType.ATTRIBUTE), Map.entry("attributes", EntityType.ATTRIBUTE),
            Map.entry("attr", EntityType.ATTRIBUTE), Map.entry("run", EntityType.ATTRIBUTE),
            Map.entry("dataset", EntityType.DATASET), Map.entry("datasets", EntityType.DATASET));

    private static final String COMPARATORS = "a comparator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN)";

    private final String text;
    private int position;

    private FilterParser(String text) {
        this.text = text;
    }

    /** The clauses of {@code filter}; empty for a null or blank filter. */
    public static List<Comparison> parseFilter(String filter) {
        List<Comparison> clauses = new ArrayList<>();
        if (filter == null || filter.isBlank()) {
            return clauses;
        }
        FilterParser parser = new FilterParser(filter);
        do {
            clauses.add(parser.comparison());
        } while (parser.keyword("AND"));
        parser.skipSpace();
        if (parser.position < filter.length()) {
            throw parser.error("AND or the end of the filter");
        }
        return clauses;
    }

    /** One order_by entry such as {@code metrics.rmse DESC}. */
    public static OrderKey parseOrderBy(String entry) {
        FilterParser parser = new FilterParser(entry);
        Identifier identifier = parser.identifier();
        boolean ascending = true;
        if (parser.keyword("DESC")) {
            ascending = false;
        } else {
            parser.keyword("ASC");
        }
        parser.skipSpace();
        if (parser.position < entry.length()) {
            throw parser.error("ASC, DESC or the end of the order_by clause");
        }
        return new OrderKey(identifier.type, identifier.key, ascending);
    }

    private Comparison comparison() {
        Identifier identifier = identifier();
        String comparator = comparator();
        Object value = comparator.endsWith("IN") ? list() : value();
        return new Comparison(identifier.type, identifier.key, comparator, value);
    }

    private record Identifier(EntityType type, String key) {
    }

    private Identifier identifier() {
        skipSpace();
        int start = position;
        if (atQuote()) {
            return new Identifier(EntityType.ATTRIBUTE, quoted());
        }
        String word = word();
        if (word.isEmpty()) {
            position = start;
            throw error("an identifier such as metrics.rmse, params.lr, tags.\"my tag\" or attributes.status");
        }
        int dot = word.indexOf('.');
        if (dot < 0) {
            return new Identifier(EntityType.ATTRIBUTE, word);
        }
        String key = word.substring(dot + 1);
        if (key.isEmpty() && atQuote()) {
            key = quoted();
        }
        if (key.isEmpty()) {
            throw error("a key after '" + word + "'");
        }
        return new Identifier(prefix(word.substring(0, dot), start), key);
    }

    private EntityType prefix(String name, int at) {
        EntityType type = PREFIXES.get(name.toLowerCase(Locale.ROOT));
        if (type == null) {
            position = at;
            throw error("one of metrics., params., tags., attributes. or datasets. (found '" + name + ".')");
        }
        return type;
    }

    private String comparator() {
        skipSpace();
        for (String symbol : new String[] {"!=", "<>", "<=", ">=", "=", "<", ">"}) {
            if (text.startsWith(symbol, position)) {
                position += symbol.length();
                return symbol.equals("<>") ? "!=" : symbol;
            }
        }
        int start = position;
        String word = word().toUpperCase(Locale.ROOT);
        switch (word) {
            case "LIKE", "ILIKE", "IN" -> {
                return word;
            }
            case "NOT" -> {
                if (keyword("IN")) {
                    return "NOT IN";
                }
            }
            default -> { }
        }
        position = start;
        throw error(COMPARATORS);
    }

    private Object value() {
        skipSpace();
        if (atQuote()) {
            return quoted();
        }
        int start = position;
        while (position < text.length() && "+-.0123456789eE".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
        String number = text.substring(start, position);
        try {
            return Double.valueOf(number);
        } catch (NumberFormatException e) {
            position = start;
            throw error("a number or a quoted string");
        }
    }

    private List<String> list() {
        skipSpace();
        expect('(', "'(' to start a list such as ('a', 'b')");
        List<String> values = new ArrayList<>();
        do {
            skipSpace();
            if (!atQuote()) {
                throw error("a quoted string in the list");
            }
            values.add(quoted());
            skipSpace();
        } while (consume(','));
        expect(')', "',' or ')' to end the list");
        return values;
    }

    private String word() {
        int start = position;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '/' || c == ':') {
                position++;
            } else {
                break;
            }
        }
        return text.substring(start, position);
    }

    private boolean atQuote() {
        return position < text.length() && "'\"`".indexOf(text.charAt(position)) >= 0;
    }

    /** A quoted string or key; a doubled quote character stands for itself. */
    private String quoted() {
        char quote = text.charAt(position++);
        StringBuilder value = new StringBuilder();
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == quote) {
                if (position < text.length() && text.charAt(position) == quote) {
                    value.append(quote);
                    position++;
                    continue;
                }
                return value.toString();
            }
            value.append(c);
        }
        throw error("a closing " + quote);
    }

    private boolean keyword(String keyword) {
        skipSpace();
        int end = position + keyword.length();
        if (text.regionMatches(true, position, keyword, 0, keyword.length())
                && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
            position = end;
            return true;
        }
        return false;
    }

    private boolean consume(char c) {
        if (position < text.length() && text.charAt(position) == c) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(char c, String expected) {
        if (!consume(c)) {
            throw error(expected);
        }
    }

    private void skipSpace() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private TrackingException error(String expected) {
        String found = position < text.length() ? "'" + text.substring(position, Math.min(text.length(), position + 20)) + "'"
                : "the end";
        return TrackingException.invalid("Invalid filter '" + text + "' at position " + position + ": expected "
                + expected + ", found " + found);
    }
}
