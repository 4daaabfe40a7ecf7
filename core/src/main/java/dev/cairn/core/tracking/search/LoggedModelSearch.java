package dev.cairn.core.tracking.search;

import dev.cairn.core.tracking.LoggedModel;
import dev.cairn.core.tracking.ModelMetric;
import dev.cairn.core.tracking.TrackingException;
import dev.cairn.core.tracking.search.Comparison.EntityType;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * MLflow 3's logged-model search (mlflow/utils/search_logged_model_utils.py and the SQL store), over the models of the
 * chosen experiments: the filter (attributes, params, tags and metrics, joined by AND), the datasets a metric must
 * have been measured on, and order_by. A metric clause matches when any point of that metric matches, as MLflow's
 * does; ordering by a metric uses each model's latest point. An experiment has few logged models, so this is
 * evaluated in memory.
 */
public final class LoggedModelSearch {

    /** A dataset a metric must have been measured on; a null digest matches any. */
    public record DatasetFilter(String name, String digest) {
    }

    /** One order_by entry: an attribute, or {@code metrics.<key>} (optionally on one dataset). */
    public record Order(String field, boolean ascending, String datasetName, String datasetDigest) {
    }

    private static final Map<String, String> ALIASES = Map.of("creation_time", "creation_timestamp_ms",
            "creation_timestamp", "creation_timestamp_ms", "last_updated_timestamp", "last_updated_timestamp_ms");
    private static final Set<String> NUMERIC_ATTRIBUTES = Set.of("creation_timestamp_ms", "last_updated_timestamp_ms");
    private static final Set<String> STRING_ATTRIBUTES = Set.of("model_id", "experiment_id", "name",
            "artifact_location", "artifact_uri", "status", "lifecycle_stage", "model_type", "source_run_id",
            "status_message");
    private static final Set<String> NUMERIC_COMPARATORS = Set.of("=", "!=", "<", "<=", ">", ">=");
    private static final Set<String> STRING_COMPARATORS = Set.of("=", "!=", "LIKE", "ILIKE", "IN", "NOT IN");
    private static final List<String> STATUSES = List.of("LOGGED_MODEL_STATUS_UNSPECIFIED", "LOGGED_MODEL_PENDING",
            "LOGGED_MODEL_READY", "LOGGED_MODEL_UPLOAD_FAILED");

    private LoggedModelSearch() {
    }

    /** The models {@code filter} and {@code datasets} keep. */
    public static Predicate<LoggedModel> filter(String filter, List<DatasetFilter> datasets) {
        for (DatasetFilter dataset : datasets) {
            if (dataset.name() == null || dataset.name().isEmpty()) {
                throw TrackingException.invalid("Each entry of 'datasets' needs a dataset_name");
            }
        }
        Predicate<LoggedModel> all = model -> true;
        boolean metricClause = false;
        for (Comparison clause : FilterParser.parseFilter(filter)) {
            metricClause |= clause.type() == EntityType.METRIC;
            all = all.and(clause(clause, datasets));
        }
        if (!metricClause && !datasets.isEmpty()) {
            // Datasets without a metric clause: the model must have a metric on one of them.
            all = all.and(model -> model.metrics().stream().anyMatch(point -> onDatasets(point, datasets)));
        }
        return all;
    }

    /** The order of {@code order}, then newest first (unless creation time is ordered already), then by id. */
    public static Comparator<LoggedModel> order(List<Order> order) {
        Comparator<LoggedModel> comparator = (a, b) -> 0;
        boolean byCreation = false;
        for (Order entry : order) {
            String field = entry.field() == null ? "" : entry.field().trim();
            if (field.isEmpty()) {
                throw TrackingException.invalid("Each order_by entry needs a field_name");
            }
            int dot = field.indexOf('.');
            if (dot < 0 || field.startsWith("attributes.") || field.startsWith("attribute.")) {
                String attribute = attribute(dot < 0 ? field : field.substring(dot + 1));
                byCreation |= attribute.equals("creation_timestamp_ms");
                comparator = comparator.thenComparing(nullsLast(model -> attributeValue(model, attribute),
                        entry.ascending()));
            } else if (field.startsWith("metrics.") || field.startsWith("metric.")) {
                String key = field.substring(dot + 1);
                List<DatasetFilter> on = entry.datasetName() == null ? List.of()
                        : List.of(new DatasetFilter(entry.datasetName(), entry.datasetDigest()));
                comparator = comparator.thenComparing(nullsLast(model -> latest(model, key, on), entry.ascending()));
            } else {
                throw TrackingException.invalid("Invalid order_by field '" + field + "': only attributes and "
                        + "metrics are supported (e.g. creation_time, name or metrics.accuracy)");
            }
        }
        if (!byCreation) {
            comparator = comparator.thenComparing(LoggedModel::creationTime, Comparator.reverseOrder());
        }
        return comparator.thenComparing(LoggedModel::modelId);
    }

    private static Predicate<LoggedModel> clause(Comparison clause, List<DatasetFilter> datasets) {
        String comparator = clause.comparator();
        switch (clause.type()) {
            case METRIC -> {
                double value = number(clause);
                return model -> model.metrics().stream().anyMatch(point -> point.metric().key().equals(clause.key())
                        && (datasets.isEmpty() || onDatasets(point, datasets))
                        && compare(Double.compare(point.metric().value(), value), comparator));
            }
            case PARAM -> {
                checkString(clause);
                return model -> matches(model.params().get(clause.key()), clause);
            }
            case TAG -> {
                checkString(clause);
                return model -> matches(model.tags().get(clause.key()), clause);
            }
            case ATTRIBUTE -> {
                String attribute = attribute(clause.key());
                if (NUMERIC_ATTRIBUTES.contains(attribute)) {
                    double value = number(clause);
                    return model -> compare(Double.compare(((Long) attributeValue(model, attribute)).doubleValue(),
                            value), comparator);
                }
                checkString(clause);
                if (attribute.equals("status")) {
                    return model -> matches(model.status(), clause) || matches(
                            Integer.toString(STATUSES.indexOf(model.status())), clause);
                }
                return model -> matches((String) attributeValue(model, attribute), clause);
            }
            default -> throw TrackingException.invalid("Invalid filter: logged models are searched by attributes, "
                    + "params, tags and metrics, not by '" + clause.type().name().toLowerCase(Locale.ROOT) + "s." + "'");
        }
    }

    private static String attribute(String name) {
        String attribute = ALIASES.getOrDefault(name, name);
        if (!NUMERIC_ATTRIBUTES.contains(attribute) && !STRING_ATTRIBUTES.contains(attribute)) {
            throw TrackingException.invalid("Invalid attribute '" + name + "' for logged models: expected one of "
                    + new java.util.TreeSet<>(STRING_ATTRIBUTES) + ", creation_timestamp_ms or last_updated_timestamp_ms");
        }
        return attribute;
    }

    private static Object attributeValue(LoggedModel model, String attribute) {
        return switch (attribute) {
            case "creation_timestamp_ms" -> model.creationTime();
            case "last_updated_timestamp_ms" -> model.lastUpdateTime();
            case "model_id" -> model.modelId();
            case "experiment_id" -> model.experimentId();
            case "name" -> model.name();
            case "artifact_location", "artifact_uri" -> model.artifactUri();
            case "status" -> model.status();
            case "lifecycle_stage" -> "active";
            case "model_type" -> model.modelType();
            case "source_run_id" -> model.sourceRunId();
            case "status_message" -> model.statusMessage();
            default -> throw new IllegalArgumentException(attribute);
        };
    }

    /** The value of the model's latest point of {@code key} (by time, then step), on {@code datasets} if given. */
    private static Double latest(LoggedModel model, String key, List<DatasetFilter> datasets) {
        Optional<ModelMetric> latest = model.metrics().stream()
                .filter(point -> point.metric().key().equals(key))
                .filter(point -> datasets.isEmpty() || onDatasets(point, datasets))
                .max(Comparator.comparingLong((ModelMetric point) -> point.metric().timestamp())
                        .thenComparingLong(point -> point.metric().step()));
        return latest.map(point -> point.metric().value()).orElse(null);
    }

    private static boolean onDatasets(ModelMetric point, List<DatasetFilter> datasets) {
        return datasets.stream().anyMatch(dataset -> dataset.name().equals(point.datasetName())
                && (dataset.digest() == null || dataset.digest().isEmpty()
                || dataset.digest().equals(point.datasetDigest())));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<LoggedModel> nullsLast(Function<LoggedModel, Object> key, boolean ascending) {
        Comparator<Comparable> values = ascending ? Comparator.naturalOrder() : Comparator.reverseOrder();
        return Comparator.comparing(model -> (Comparable) key.apply(model), Comparator.nullsLast(values));
    }

    private static double number(Comparison clause) {
        if (!NUMERIC_COMPARATORS.contains(clause.comparator())) {
            throw TrackingException.invalid("Invalid comparator '" + clause.comparator() + "' for '" + clause.key()
                    + "': numbers take =, !=, <, <=, > or >=");
        }
        if (clause.value() instanceof Double number) {
            return number;
        }
        try {
            return Double.parseDouble((String) clause.value());
        } catch (NumberFormatException e) {
            throw TrackingException.invalid("Invalid value '" + clause.value() + "' for '" + clause.key()
                    + "': expected a number");
        }
    }

    private static void checkString(Comparison clause) {
        if (!STRING_COMPARATORS.contains(clause.comparator())) {
            throw TrackingException.invalid("Invalid comparator '" + clause.comparator() + "' for '" + clause.key()
                    + "': strings take =, !=, LIKE, ILIKE, IN or NOT IN");
        }
    }

    private static boolean compare(int order, String comparator) {
        return switch (comparator) {
            case "=" -> order == 0;
            case "!=" -> order != 0;
            case "<" -> order < 0;
            case "<=" -> order <= 0;
            case ">" -> order > 0;
            case ">=" -> order >= 0;
            default -> false;
        };
    }

    /** A string clause on a value; a model without the value matches nothing, as a SQL comparison with NULL. */
    private static boolean matches(String actual, Comparison clause) {
        if (actual == null) {
            return false;
        }
        String expected = clause.value() instanceof Double number ? plain(number) : null;
        return switch (clause.comparator()) {
            case "=" -> actual.equals(expected != null ? expected : clause.value());
            case "!=" -> !actual.equals(expected != null ? expected : clause.value());
            case "LIKE" -> like((String) clause.value(), false).matcher(actual).matches();
            case "ILIKE" -> like((String) clause.value(), true).matcher(actual).matches();
            case "IN" -> clause.values().contains(actual);
            case "NOT IN" -> !clause.values().contains(actual);
            default -> false;
        };
    }

    /** A number written in a string clause without quotes ({@code params.depth = 6}): compared as written. */
    private static String plain(double number) {
        return number == Math.rint(number) && Math.abs(number) < 1e15 ? Long.toString((long) number)
                : Double.toString(number);
    }

    /** SQL LIKE: % any run, _ one character, everything else literal. */
    static Pattern like(String pattern, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '%' || c == '_') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '%' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL
                | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
    }
}
