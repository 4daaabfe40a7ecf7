package dev.cairn.core.tracking;

/** A dataset some run of an experiment used, with the context its input was tagged with (or null). */
public record DatasetSummary(String experimentId, String name, String digest, String context) {
}
