package dev.cairn.runtime.model;

import dev.cairn.runtime.tensor.Tensor;
import dev.cairn.runtime.tensor.Value;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outputs of one inference, by name in the model's output order, and how long {@code session.run} alone took.
 */
public record RunResult(Map<String, Value> outputs, long inferenceNanos) {

    /** Keeps the outputs in order and unmodifiable. */
    public RunResult {
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    /** The output of that name. */
    public Value output(String name) {
        Value value = outputs.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no output '" + name + "'; the result holds " + outputs.keySet());
        }
        return value;
    }

    /** The output of that name, which must be a tensor. */
    public Tensor tensor(String name) {
        if (output(name) instanceof Tensor tensor) {
            return tensor;
        }
        throw new IllegalArgumentException("output '" + name + "' is a " + output(name).typeDescription()
                + ", not a tensor");
    }
}
