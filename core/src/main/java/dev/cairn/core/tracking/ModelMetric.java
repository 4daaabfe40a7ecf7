package dev.cairn.core.tracking;

/**
 * A metric point logged against a logged model (MLflow 3's {@code model_id} on {@code log-metric} and
 * {@code log-batch}), optionally on a named dataset; it also stays a point of the run that logged it.
 *
 * @param datasetName   the dataset it was measured on, or null
 * @param datasetDigest that dataset's digest, or null
 * @param runId         the run that logged it
 */
public record ModelMetric(String modelId, Metric metric, String datasetName, String datasetDigest, String runId) {
}
