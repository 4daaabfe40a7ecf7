package dev.cairn.core.tracking;

/** A dataset a run used, as MLflow's log-inputs describes it. Schema and profile may be null. */
public record Dataset(String name, String digest, String sourceType, String source, String schema, String profile) {
}
