package dev.cairn.core.tracking.search;

import java.util.List;

/**
 * One clause of a filter: {@code <type>.<key> <comparator> <value>}. The value is a {@link String},
 * a {@link Double} or, for IN and NOT IN, a {@link List} of strings.
 */
public record Comparison(EntityType type, String key, String comparator, Object value) {

    /** The kind of thing a filter clause or order key refers to. */
    public enum EntityType { METRIC, PARAM, TAG, ATTRIBUTE, DATASET }

    public boolean isNumeric() {
        return value instanceof Double;
    }

    @SuppressWarnings("unchecked")
    public List<String> values() {
        return (List<String>) value;
    }
}
