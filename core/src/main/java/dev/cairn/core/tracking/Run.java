package dev.cairn.core.tracking;

import java.util.List;
import java.util.Map;

/** A run with its data: the latest value of each metric, params, tags and dataset inputs. */
public record Run(RunInfo info, List<Metric> latestMetrics, Map<String, String> params, Map<String, String> tags,
                  List<DatasetInput> inputs) {

    public Run {
        latestMetrics = List.copyOf(latestMetrics);
        params = Map.copyOf(params);
        tags = Map.copyOf(tags);
        inputs = List.copyOf(inputs);
    }
}
