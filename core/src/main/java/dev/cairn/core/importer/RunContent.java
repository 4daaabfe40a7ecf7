package dev.cairn.core.importer;

import dev.cairn.core.tracking.DatasetInput;
import dev.cairn.core.tracking.Metric;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What was logged into a run; {@code artifactDir} is the local artifact folder, or null when remote or absent. */
record RunContent(Map<String, String> params, Map<String, String> tags, List<Metric> metrics, List<DatasetInput> inputs,
                  Path artifactDir) {
}
