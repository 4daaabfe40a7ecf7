package dev.cairn.core.workspace;

import java.nio.file.Path;
import java.time.Instant;

/** Facts about a workspace for the dashboard and {@code cairn info}. */
public record WorkspaceSummary(
        Path home,
        Path databaseFile,
        long databaseBytes,
        int schemaVersion,
        Instant createdAt,
        long artifactFiles,
        long artifactBytes) {
}
