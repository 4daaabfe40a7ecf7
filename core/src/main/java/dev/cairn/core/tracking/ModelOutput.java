package dev.cairn.core.tracking;

/** A logged model that a run produced (MLflow 3's {@code runs/outputs}), at the step it was logged. */
public record ModelOutput(String modelId, long step) {
}
