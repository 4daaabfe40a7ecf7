package dev.cairn.core.tracking;

import java.util.List;
import java.util.Map;

/**
 * A run with its data: the latest value of each metric and its range (min and max with their steps), params, tags,
 * dataset inputs, and MLflow 3's links to logged models: those the run used ({@code modelInputs}, by id) and those it
 * produced ({@code modelOutputs}).
 */
public record Run(RunInfo info, List<Metric> latestMetrics, Map<String, MetricRange> metricRanges,
                  Map<String, String> params, Map<String, String> tags, List<DatasetInput> inputs,
                  List<String> modelInputs, List<ModelOutput> modelOutputs) {

    public Run {
        latestMetrics = List.copyOf(latestMetrics);
        metricRanges = Map.copyOf(metricRanges);
        params = Map.copyOf(params);
        tags = Map.copyOf(tags);
        inputs = List.copyOf(inputs);
        modelInputs = List.copyOf(modelInputs);
        modelOutputs = List.copyOf(modelOutputs);
    }
}
