package dev.cairn.core.drift;

/** A registered dataset version: which file's bytes (by SHA-256), how large, and its typed schema. */
public record StoredDataset(long id, String name, int version, String sha256, String file, long rows, int columns,
        String schema, long createdAt) {
}
