package dev.cairn.core.monitoring;

import java.util.List;
import java.util.Optional;

/**
 * A source's predictions compared with a reference window by window.
 *
 * @param compared columns both the predictions and the reference have, which are tested
 * @param ignored prediction columns the reference lacks (and so cannot be compared)
 * @param skippedTensors tensors the predictions could not be turned into columns (see {@link PredictionTable})
 */
public record MonitoringResult(String source, String referenceName, String referenceSha256, Windowing windowing,
        List<WindowDrift> windows, List<String> compared, List<String> ignored, int predictions, int rows,
        int skippedTensors) {

    public MonitoringResult {
        windows = List.copyOf(windows);
        compared = List.copyOf(compared);
        ignored = List.copyOf(ignored);
    }

    /** The newest window that was tested, if any: what a CI gate looks at. */
    public Optional<WindowDrift> latestTested() {
        for (int i = windows.size() - 1; i >= 0; i--) {
            if (!windows.get(i).tooSmall()) {
                return Optional.of(windows.get(i));
            }
        }
        return Optional.empty();
    }
}
