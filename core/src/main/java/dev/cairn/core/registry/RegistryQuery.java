package dev.cairn.core.registry;

import dev.cairn.core.tracking.TrackingException;
import dev.cairn.core.tracking.search.Comparison;
import dev.cairn.core.tracking.search.Comparison.EntityType;
import dev.cairn.core.tracking.search.FilterParser;
import dev.cairn.core.tracking.search.OrderKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MLflow's registry search grammar ({@code name LIKE 'fraud%' AND tags.team = 'risk'}) turned into SQL
 * over {@code registered_model m} or {@code model_version v}, with the order and paging MLflow uses.
 */
final class RegistryQuery {

    /** A SQL text and its parameters in order. */
    record Sql(String text, List<Object> parameters) {
    }

    private static final Map<String, String> MODEL_ORDER = Map.of("name", "m.name",
            "timestamp", "m.last_update_time", "last_updated_timestamp", "m.last_update_time",
            "creation_timestamp", "m.creation_time");
    private static final Map<String, String> VERSION_ORDER = Map.of("name", "v.name", "version_number", "v.version",
            "creation_timestamp", "v.creation_time", "last_updated_timestamp", "v.last_update_time",
            "timestamp", "v.last_update_time");

    private RegistryQuery() {
    }

    /** Registered model names matching {@code filter}, one page. */
    static Sql models(String filter, List<String> orderBy, int limit, long offset) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder where = new StringBuilder("1 = 1");
        for (Comparison clause : FilterParser.parseFilter(filter)) {
            if (clause.type() == EntityType.TAG) {
                tagCondition(where, parameters, "registered_model_tag t", "t.name = m.name", clause);
            } else if (clause.type() == EntityType.ATTRIBUTE && clause.key().equals("name")) {
                stringCondition(where, parameters, "m.name", clause);
            } else {
                throw TrackingException.invalid("Invalid attribute key '" + clause.key()
                        + "' specified. Valid keys are '{'name', 'tags'}'");
            }
        }
        String order = order(orderBy, MODEL_ORDER, "m.name ASC");
        parameters.add(limit);
        parameters.add(offset);
        return new Sql("SELECT m.name FROM registered_model m WHERE " + where + " ORDER BY " + order
                + ", m.name ASC LIMIT ? OFFSET ?", parameters);
    }

    /** (name, version) pairs matching {@code filter}, one page. */
    static Sql versions(String filter, List<String> orderBy, int limit, long offset) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder where = new StringBuilder("1 = 1");
        for (Comparison clause : FilterParser.parseFilter(filter)) {
            if (clause.type() == EntityType.TAG) {
                tagCondition(where, parameters, "model_version_tag t", "t.name = v.name AND t.version = v.version", clause);
                continue;
            }
            if (clause.type() != EntityType.ATTRIBUTE) {
                throw invalidVersionKey(clause.key());
            }
            switch (clause.key()) {
                case "name" -> stringCondition(where, parameters, "v.name", clause);
                case "source_path" -> stringCondition(where, parameters, "v.source", clause);
                case "run_id" -> {
                    if (clause.comparator().endsWith("IN")) {
                        listCondition(where, parameters, "v.run_id", clause);
                    } else {
                        stringCondition(where, parameters, "v.run_id", clause);
                    }
                }
                case "version_number" -> numberCondition(where, parameters, "v.version", clause);
                default -> throw invalidVersionKey(clause.key());
            }
        }
        String order = order(orderBy, VERSION_ORDER, "v.last_update_time DESC");
        parameters.add(limit);
        parameters.add(offset);
        return new Sql("SELECT v.name, v.version FROM model_version v WHERE " + where + " ORDER BY " + order
                + ", v.name ASC, v.version DESC LIMIT ? OFFSET ?", parameters);
    }

    private static TrackingException invalidVersionKey(String key) {
        return TrackingException.invalid("Invalid attribute key '" + key + "' specified. Valid keys are "
                + "'{'name', 'run_id', 'source_path', 'version_number', 'tags'}'");
    }

    private static void tagCondition(StringBuilder where, List<Object> parameters, String table, String join,
                                     Comparison clause) {
        String operator = stringOperator(clause);
        where.append(" AND EXISTS (SELECT 1 FROM ").append(table).append(" WHERE ").append(join)
                .append(" AND t.tag_key = ? AND ").append(operand("t.tag_value", clause)).append(operator).append(" ?)");
        parameters.add(clause.key());
        parameters.add(value(clause));
    }

    private static void stringCondition(StringBuilder where, List<Object> parameters, String column, Comparison clause) {
        String operator = stringOperator(clause);
        where.append(" AND ").append(operand(column, clause)).append(operator).append(" ?");
        parameters.add(value(clause));
    }

    private static void listCondition(StringBuilder where, List<Object> parameters, String column, Comparison clause) {
        List<String> values = clause.values();
        where.append(" AND ").append(column).append(clause.comparator().equals("IN") ? " IN (" : " NOT IN (")
                .append(String.join(", ", Collections.nCopies(values.size(), "?"))).append(")");
        parameters.addAll(values);
    }

    private static void numberCondition(StringBuilder where, List<Object> parameters, String column, Comparison clause) {
        if (!List.of("=", "!=", "<", "<=", ">", ">=").contains(clause.comparator()) || !clause.isNumeric()) {
            throw TrackingException.invalid("Invalid comparison for '" + clause.key() + "': expected a number with "
                    + "=, !=, <, <=, > or >=");
        }
        where.append(" AND ").append(column).append(' ').append(clause.comparator().equals("!=") ? "<>" : clause.comparator())
                .append(" ?");
        parameters.add(((Number) clause.value()).longValue());
    }

    private static String stringOperator(Comparison clause) {
        return switch (clause.comparator()) {
            case "=" -> " =";
            case "!=" -> " <>";
            case "LIKE", "ILIKE" -> " LIKE";
            default -> throw TrackingException.invalid("Invalid comparator '" + clause.comparator() + "' for '"
                    + clause.key() + "': expected =, !=, LIKE or ILIKE");
        };
    }

    private static String operand(String column, Comparison clause) {
        return clause.comparator().equals("ILIKE") ? "LOWER(" + column + ")" : column;
    }

    private static Object value(Comparison clause) {
        String value = String.valueOf(clause.value());
        return clause.comparator().equals("ILIKE") ? value.toLowerCase(Locale.ROOT) : value;
    }

    private static String order(List<String> orderBy, Map<String, String> columns, String fallback) {
        List<String> terms = new ArrayList<>();
        for (String entry : orderBy == null ? List.<String>of() : orderBy) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            OrderKey key = FilterParser.parseOrderBy(entry);
            String column = columns.get(key.key());
            if (key.type() != EntityType.ATTRIBUTE || column == null) {
                throw TrackingException.invalid("Invalid order_by entity '" + entry + "': expected one of "
                        + new java.util.TreeSet<>(columns.keySet()));
            }
            terms.add(column + (key.ascending() ? " ASC" : " DESC"));
        }
        return terms.isEmpty() ? fallback : String.join(", ", terms);
    }
}
