package dev.cairn.core.importer;

import dev.cairn.core.tracking.DatasetInput;
import dev.cairn.core.tracking.Metric;
import dev.cairn.core.tracking.ModelOutput;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What was logged into a run; {@code artifactDir} is the local artifact folder, or null when remote or absent.
 * {@code modelInputs} and {@code modelOutputs} are MLflow 3's links to logged models; {@code problems} says what of the
 * run could not be read (malformed metric lines, unreadable files): such a run is imported as far as it goes, marked
 * incomplete, and imported again by the next import.
 */
record RunContent(Map<String, String> params, Map<String, String> tags, List<Metric> metrics, List<DatasetInput> inputs,
                  List<String> modelInputs, List<ModelOutput> modelOutputs, Path artifactDir, List<String> problems) {
}
