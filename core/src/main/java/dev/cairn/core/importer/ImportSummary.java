package dev.cairn.core.importer;

import java.util.List;

/** What an import brought in, what it found already there, and what it skipped and why. */
public record ImportSummary(int experimentsCreated, int experimentsMatched, int runsImported, int runsAlreadyPresent,
                            long metricPoints, int params, int tags, int artifactFiles, List<String> skipped) {

    public ImportSummary {
        skipped = List.copyOf(skipped);
    }

    /** A few lines for people: the CLI prints them, the GUI shows them. */
    public String describe() {
        StringBuilder text = new StringBuilder()
                .append("Experiments: ").append(experimentsCreated).append(" new, ").append(experimentsMatched)
                .append(" already there\n")
                .append("Runs: ").append(runsImported).append(" imported, ").append(runsAlreadyPresent)
                .append(" already there (left as they were)\n")
                .append("Metric points: ").append(metricPoints).append(", params: ").append(params)
                .append(", tags: ").append(tags).append(", artifact files: ").append(artifactFiles).append('\n');
        if (skipped.isEmpty()) {
            text.append("Skipped: nothing\n");
        } else {
            text.append("Skipped (").append(skipped.size()).append("):\n");
            skipped.forEach(item -> text.append("  - ").append(item).append('\n'));
        }
        return text.toString();
    }
}
