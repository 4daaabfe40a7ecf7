package dev.cairn.core.tracking;

import java.util.Map;

/** A dataset used by a run, with the input's tags (e.g. {@code mlflow.data.context = training}). */
public record DatasetInput(Dataset dataset, Map<String, String> tags) {

    public DatasetInput {
        tags = Map.copyOf(tags);
    }
}
