package dev.cairn.core.importer;

import java.util.List;

/**
 * What an import brought in, what it found already there, what it could import only in part (each named, with why:
 * the next import completes them once their files are repaired), what it skipped and why, and which artifact folders
 * the store names but this machine lacks (not a skip: a run that logged no files has no folder either).
 */
public record ImportSummary(int experimentsCreated, int experimentsMatched, int runsImported, int runsAlreadyPresent,
                            long metricPoints, int params, int tags, int artifactFiles, int loggedModels,
                            int registeredModels, int modelVersions, int aliases, int runsCompleted,
                            List<String> incomplete, List<String> skipped, List<String> artifactsNotFound) {

    public ImportSummary {
        incomplete = List.copyOf(incomplete);
        skipped = List.copyOf(skipped);
        artifactsNotFound = List.copyOf(artifactsNotFound);
    }

    /** A few lines for people: the CLI prints them, the GUI shows them. */
    public String describe() {
        StringBuilder text = new StringBuilder()
                .append("Experiments: ").append(experimentsCreated).append(" new, ").append(experimentsMatched)
                .append(" already there\n")
                .append("Runs: ").append(runsImported).append(" imported, ").append(runsAlreadyPresent)
                .append(" already there (left as they were)");
        if (runsCompleted > 0) {
            text.append(", ").append(runsCompleted).append(" completed from an earlier partial import");
        }
        text.append('\n')
                .append("Metric points: ").append(metricPoints).append(", params: ").append(params)
                .append(", tags: ").append(tags).append(", artifact files: ").append(artifactFiles).append('\n')
                .append("Logged models: ").append(loggedModels).append('\n')
                .append("Model registry: ").append(registeredModels).append(" registered models, ").append(modelVersions)
                .append(" versions, ").append(aliases).append(" aliases new\n");
        if (!incomplete.isEmpty()) {
            text.append("Imported in part (").append(incomplete.size()).append("; import again once repaired):\n");
            incomplete.forEach(item -> text.append("  - ").append(item).append('\n'));
        }
        artifactsNotFound.forEach(line -> text.append("Note: ").append(line).append('\n'));
        if (skipped.isEmpty()) {
            text.append("Skipped: nothing\n");
        } else {
            text.append("Skipped (").append(skipped.size()).append("):\n");
            skipped.forEach(item -> text.append("  - ").append(item).append('\n'));
        }
        return text.toString();
    }
}
