package dev.cairn.core.tracking;

import java.util.regex.Pattern;

/** MLflow's validation rules and limits (mlflow/utils/validation.py), so clients see the same answers. */
public final class TrackingLimits {

    public static final int MAX_KEY_LENGTH = 250;
    public static final int MAX_PARAM_VALUE_LENGTH = 6000;
    /** MLflow 3 raised it from 5,000; a realistic runs/log-model history tag needs the room. */
    public static final int MAX_TAG_VALUE_LENGTH = 8000;
    public static final int MAX_EXPERIMENT_NAME_LENGTH = 500;
    /** MLflow keeps experiment tags at 5,000 (MAX_EXPERIMENT_TAG_VAL_LENGTH), run and model tags at 8,000. */
    public static final int MAX_EXPERIMENT_TAG_VALUE_LENGTH = 5000;
    /** Registered-model and version tags (MAX_MODEL_REGISTRY_TAG_VALUE_LENGTH). */
    public static final int MAX_REGISTRY_TAG_VALUE_LENGTH = 100_000;
    /** The run name column of MLflow's SQL store (and so the mlflow.runName tag, which sets it). */
    public static final int MAX_RUN_NAME_LENGTH = 250;
    public static final int MAX_USER_ID_LENGTH = 256;
    /** MLFLOW_ARTIFACT_LOCATION_MAX_LENGTH's default. */
    public static final int MAX_ARTIFACT_LOCATION_LENGTH = 2048;
    public static final int MAX_BATCH_METRICS = 1000;
    public static final int MAX_BATCH_PARAMS = 100;
    public static final int MAX_BATCH_TAGS = 100;
    public static final int MAX_BATCH_ENTITIES = 1000;
    public static final int MAX_RESULTS_RUNS = 50_000;
    public static final int DEFAULT_RESULTS_RUNS = 1000;

    // As MLflow's _validate_metric_name and friends: a colon is allowed except on Windows, where it names a drive.
    private static final Pattern KEY = System.getProperty("os.name", "").startsWith("Windows")
            ? Pattern.compile("^[/\\w.\\- ]*$") : Pattern.compile("^[/\\w.\\- :]*$");
    private static final Pattern RUN_ID = Pattern.compile("^[a-zA-Z0-9][\\w\\-]{0,255}$");
    private static final Pattern EXPERIMENT_ID = Pattern.compile("^[a-zA-Z0-9][\\w\\-]{0,63}$");

    private TrackingLimits() {
    }

    /** Checks a metric, param or tag key: non-empty, at most 250 characters, MLflow's character set, a plain path. */
    public static void checkKey(String kind, String key) {
        if (key == null || key.isEmpty()) {
            throw TrackingException.invalid("Missing value for required parameter 'key' of the " + kind);
        }
        checkText(kind + " key", key);
        if (key.length() > MAX_KEY_LENGTH) {
            throw TrackingException.invalid(kind + " key '" + key.substring(0, 40) + "...' has length " + key.length()
                    + ", which exceeds the limit of " + MAX_KEY_LENGTH);
        }
        if (!KEY.matcher(key).matches()) {
            throw TrackingException.invalid("Invalid " + kind + " name: '" + key + "'. Names may only contain "
                    + "alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colons (:) and slashes (/).");
        }
        if (key.startsWith("/") || key.equals(".") || key.equals("..") || key.startsWith("../") || key.endsWith("/..")
                || key.contains("/../") || key.contains("//") || key.startsWith("./") || key.contains("/./")) {
            throw TrackingException.invalid("Invalid " + kind + " name: '" + key + "'. Names must be normalized paths.");
        }
    }

    /** Checks a value's length against {@code max}. */
    public static void checkValue(String kind, String key, String value, int max) {
        if (value == null) {
            throw TrackingException.invalid("Missing value for required parameter 'value' of " + kind + " '" + key + "'");
        }
        if (value.length() > max) {
            throw TrackingException.invalid(kind + " '" + key + "' had length " + value.length()
                    + ", which exceeded length limit of " + max);
        }
    }

    /**
     * Refuses text that is not well-formed Unicode (a lone surrogate, as a JSON escape like \\ud800 can make): it
     * cannot be written back as UTF-8, so stored it would come back changed.
     */
    public static void checkText(String what, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw TrackingException.invalid(what + " has a lone surrogate (U+" + Integer.toHexString(c)
                        .toUpperCase(java.util.Locale.ROOT) + ") at position " + i + ": it is not valid Unicode");
            }
        }
    }

    public static void checkRunName(String name) {
        if (name != null) {
            checkText("Run name", name);
        }
        if (name != null && name.length() > MAX_RUN_NAME_LENGTH) {
            throw TrackingException.invalid("Run name has length " + name.length() + ", which exceeds the limit of "
                    + MAX_RUN_NAME_LENGTH + " (run_name and the mlflow.runName tag)");
        }
    }

    public static void checkRunId(String runId) {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw TrackingException.invalid("Invalid value '" + runId + "' for parameter 'run_id'");
        }
    }

    public static void checkExperimentId(String experimentId) {
        if (experimentId == null || !EXPERIMENT_ID.matcher(experimentId).matches()) {
            throw TrackingException.invalid("Invalid experiment ID: '" + experimentId + "'");
        }
    }

    public static void checkExperimentName(String name) {
        if (name == null || name.isBlank()) {
            throw TrackingException.invalid("Invalid experiment name: '" + name + "'. Expected a non-empty string.");
        }
        checkText("Experiment name", name);
        if (name.length() > MAX_EXPERIMENT_NAME_LENGTH) {
            throw TrackingException.invalid("Experiment name has length " + name.length()
                    + ", which exceeds the limit of " + MAX_EXPERIMENT_NAME_LENGTH);
        }
    }

    /** The page size to use: {@code requested} if in 1..max, {@code fallback} if absent, else an error. */
    public static int pageSize(Integer requested, int fallback, int max) {
        if (requested == null) {
            return fallback;
        }
        if (requested < 1 || requested > max) {
            throw TrackingException.invalid("Invalid value " + requested + " for parameter 'max_results' supplied. "
                    + "It must be at least 1 and at most " + max);
        }
        return requested;
    }
}
