package dev.cairn.core.importer;

import java.util.List;

/** One line for the summary about artifact folders not found, instead of one per run (most runs log none). */
final class MissingArtifacts {

    private MissingArtifacts() {
    }

    static List<String> summarize(List<String> missing) {
        if (missing.isEmpty()) {
            return List.of();
        }
        String examples = String.join("; ", missing.subList(0, Math.min(3, missing.size())));
        return List.of("artifact folders of " + missing.size() + (missing.size() == 1 ? " run or model" : " runs or models")
                + " not found here, so no files were copied for them (a run that logged none has none): " + examples
                + (missing.size() > 3 ? "; and " + (missing.size() - 3) + " more" : ""));
    }
}
