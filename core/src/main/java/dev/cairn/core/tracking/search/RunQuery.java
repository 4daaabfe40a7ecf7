package dev.cairn.core.tracking.search;

import dev.cairn.core.tracking.TrackingException;
import dev.cairn.core.tracking.search.Comparison.EntityType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a parsed run search into one SQL query over {@code run r}: each clause becomes an EXISTS
 * on the latest metrics, params, tags or dataset inputs (so a run without the key never matches),
 * each order key a LEFT JOIN, and paging LIMIT/OFFSET. Nothing is filtered in memory.
 */
public final class RunQuery {

    private static final Map<String, String> STRING_ATTRIBUTES = Map.of(
            "run_id", "r.run_id", "run_name", "r.run_name", "run name", "r.run_name", "status", "r.status",
            "user_id", "r.user_id", "artifact_uri", "r.artifact_uri", "lifecycle_stage", "r.lifecycle_stage");
    private static final Map<String, String> NUMERIC_ATTRIBUTES = Map.of(
            "start_time", "r.start_time", "created", "r.start_time", "end_time", "r.end_time");
    private static final Set<String> NUMERIC_COMPARATORS = Set.of("=", "!=", "<", "<=", ">", ">=");
    private static final Set<String> STRING_COMPARATORS = Set.of("=", "!=", "LIKE", "ILIKE");
    private static final Set<String> LIST_COMPARATORS = Set.of("IN", "NOT IN");

    /** A SQL text and its parameters in order. */
    public record Sql(String text, List<Object> parameters) {
    }

    private final List<Object> joinParameters = new ArrayList<>();
    private final List<Object> whereParameters = new ArrayList<>();

    private RunQuery() {
    }

    /**
     * Builds the query for one page of run ids.
     *
     * @param lifecycleCondition e.g. {@code r.lifecycle_stage = 'active'}
     */
    public static Sql build(List<String> experimentIds, List<Comparison> filter, List<OrderKey> order,
                            String lifecycleCondition, int limit, long offset) {
        return new RunQuery().sql(experimentIds, filter, order, lifecycleCondition, limit, offset);
    }

    private Sql sql(List<String> experimentIds, List<Comparison> filter, List<OrderKey> order,
                    String lifecycleCondition, int limit, long offset) {
        StringBuilder joins = new StringBuilder();
        List<String> orderTerms = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            orderTerms.add(orderTerm(order.get(i), "o" + i, joins));
        }
        orderTerms.add("r.start_time DESC NULLS LAST");
        orderTerms.add("r.run_id ASC");

        StringBuilder where = new StringBuilder("r.experiment_id IN (")
                .append(String.join(", ", Collections.nCopies(experimentIds.size(), "?"))).append(")");
        whereParameters.addAll(experimentIds);
        where.append(" AND ").append(lifecycleCondition);
        for (Comparison comparison : filter) {
            where.append(" AND ").append(condition(comparison));
        }
        List<Object> parameters = new ArrayList<>(joinParameters);
        parameters.addAll(whereParameters);
        parameters.add(limit);
        parameters.add(offset);
        String text = "SELECT r.run_id FROM run r" + joins + " WHERE " + where
                + " ORDER BY " + String.join(", ", orderTerms) + " LIMIT ? OFFSET ?";
        return new Sql(text, parameters);
    }

    private String condition(Comparison c) {
        return switch (c.type()) {
            case METRIC -> {
                requireNumeric(c, "metric");
                whereParameters.add(c.key());
                whereParameters.add(c.value());
                yield "EXISTS (SELECT 1 FROM latest_metric m WHERE m.run_id = r.run_id AND m.metric_key = ? AND m.metric_value "
                        + sqlOperator(c.comparator()) + " ?)";
            }
            case PARAM -> keyValueCondition(c, "param", "param_key", "param_value");
            case TAG -> keyValueCondition(c, "run_tag", "tag_key", "tag_value");
            case ATTRIBUTE -> attributeCondition(c);
            case DATASET -> datasetCondition(c);
        };
    }

    private String keyValueCondition(Comparison c, String table, String keyColumn, String valueColumn) {
        requireString(c, table.equals("param") ? "param" : "tag", STRING_COMPARATORS);
        whereParameters.add(c.key());
        whereParameters.add(c.value());
        return "EXISTS (SELECT 1 FROM " + table + " k WHERE k.run_id = r.run_id AND k." + keyColumn + " = ? AND k."
                + valueColumn + " " + sqlOperator(c.comparator()) + " ?)";
    }

    private String attributeCondition(Comparison c) {
        String key = c.key().toLowerCase(Locale.ROOT);
        String numericColumn = NUMERIC_ATTRIBUTES.get(key);
        if (numericColumn != null) {
            requireNumeric(c, "attribute");
            whereParameters.add(c.value());
            return numericColumn + " " + sqlOperator(c.comparator()) + " ?";
        }
        String column = STRING_ATTRIBUTES.get(key);
        if (column == null) {
            throw TrackingException.invalid("Invalid attribute key '" + c.key() + "' specified. Valid keys are "
                    + "run_id, run_name, status, user_id, artifact_uri, lifecycle_stage, start_time, end_time");
        }
        if (LIST_COMPARATORS.contains(c.comparator())) {
            if (!key.equals("run_id")) {
                throw TrackingException.invalid("IN and NOT IN are only supported for attributes.run_id, not '" + c.key() + "'");
            }
            return listCondition(column, c);
        }
        requireString(c, "attribute", STRING_COMPARATORS);
        whereParameters.add(c.value());
        return column + " " + sqlOperator(c.comparator()) + " ?";
    }

    private String datasetCondition(Comparison c) {
        String column = switch (c.key().toLowerCase(Locale.ROOT)) {
            case "name" -> "d.name";
            case "digest" -> "d.digest";
            case "context" -> "t.tag_value";
            default -> throw TrackingException.invalid("Invalid dataset key '" + c.key()
                    + "'. Valid keys are name, digest and context");
        };
        String test;
        if (LIST_COMPARATORS.contains(c.comparator())) {
            test = listCondition(column, c);
        } else {
            requireString(c, "dataset", STRING_COMPARATORS);
            whereParameters.add(c.value());
            test = column + " " + sqlOperator(c.comparator()) + " ?";
        }
        return "EXISTS (SELECT 1 FROM run_input i JOIN dataset d ON d.dataset_id = i.dataset_id"
                + " LEFT JOIN run_input_tag t ON t.run_id = i.run_id AND t.dataset_id = i.dataset_id"
                + " AND t.tag_key = 'mlflow.data.context' WHERE i.run_id = r.run_id AND " + test + ")";
    }

    private String listCondition(String column, Comparison c) {
        if (!(c.value() instanceof List<?>)) {
            throw TrackingException.invalid(c.comparator() + " needs a list such as ('a', 'b')");
        }
        whereParameters.addAll(c.values());
        return column + " " + c.comparator() + " (" + String.join(", ", Collections.nCopies(c.values().size(), "?")) + ")";
    }

    private String orderTerm(OrderKey key, String alias, StringBuilder joins) {
        String direction = key.ascending() ? " ASC" : " DESC";
        String value;
        switch (key.type()) {
            case METRIC -> {
                joins.append(" LEFT JOIN latest_metric ").append(alias).append(" ON ").append(alias)
                        .append(".run_id = r.run_id AND ").append(alias).append(".metric_key = ?");
                joinParameters.add(key.key());
                value = alias + ".metric_value";
                // None and NaN sort last whichever way the rest go, as in MLflow.
                return "CASE WHEN " + value + " IS NULL THEN 2 WHEN " + value
                        + " = CAST('NaN' AS DOUBLE PRECISION) THEN 1 ELSE 0 END, " + value + direction;
            }
            case PARAM, TAG -> {
                boolean param = key.type() == EntityType.PARAM;
                joins.append(" LEFT JOIN ").append(param ? "param " : "run_tag ").append(alias).append(" ON ")
                        .append(alias).append(".run_id = r.run_id AND ").append(alias)
                        .append(param ? ".param_key = ?" : ".tag_key = ?");
                joinParameters.add(key.key());
                value = alias + (param ? ".param_value" : ".tag_value");
            }
            case ATTRIBUTE -> {
                String name = key.key().toLowerCase(Locale.ROOT);
                value = NUMERIC_ATTRIBUTES.getOrDefault(name, STRING_ATTRIBUTES.get(name));
                if (value == null) {
                    throw TrackingException.invalid("Invalid order_by attribute '" + key.key() + "'");
                }
            }
            default -> throw TrackingException.invalid("Cannot order runs by datasets");
        }
        return value + direction + " NULLS LAST";
    }

    private static void requireNumeric(Comparison c, String what) {
        if (!NUMERIC_COMPARATORS.contains(c.comparator())) {
            throw TrackingException.invalid("Invalid comparator '" + c.comparator() + "' for " + what + " '" + c.key()
                    + "': expected one of =, !=, <, <=, >, >=");
        }
        if (!c.isNumeric()) {
            throw TrackingException.invalid("Expected a numeric value for " + what + " '" + c.key() + "', got '"
                    + c.value() + "'");
        }
    }

    private static void requireString(Comparison c, String what, Set<String> comparators) {
        if (!comparators.contains(c.comparator())) {
            throw TrackingException.invalid("Invalid comparator '" + c.comparator() + "' for " + what + " '" + c.key()
                    + "': expected one of " + String.join(", ", comparators));
        }
        if (!(c.value() instanceof String)) {
            throw TrackingException.invalid("Expected a quoted string value for " + what + " '" + c.key() + "', got "
                    + c.value());
        }
    }

    private static String sqlOperator(String comparator) {
        return comparator.equals("!=") ? "<>" : comparator;
    }
}
