package dev.cairn.core.bench;

/**
 * The model a stored benchmark measured.
 *
 * @param name the registered model's name, or the file name for a plain file
 * @param version the registered version, or null for a plain file
 * @param sha256 the file's SHA-256 in hex, or null when unknown
 * @param file the file benchmarked, as given
 */
public record BenchmarkedModel(String name, Integer version, String sha256, String file) {
}
