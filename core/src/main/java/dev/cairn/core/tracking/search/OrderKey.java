package dev.cairn.core.tracking.search;

/** One {@code order_by} entry: what to sort by and which way. */
public record OrderKey(Comparison.EntityType type, String key, boolean ascending) {
}
