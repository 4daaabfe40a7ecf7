package dev.cairn.runtime.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.runtime.tensor.Tensor;
import java.util.List;
import java.util.Optional;

/**
 * A decoded Open Inference Protocol request.
 *
 * @param id the request's {@code id}, echoed in the response; null when absent
 * @param parameters the request-level {@code parameters} object; null when absent
 * @param inputs the input tensors, in request order
 * @param outputNames the outputs asked for; empty means all
 */
public record InferenceRequest(String id, ObjectNode parameters, List<Tensor> inputs, List<String> outputNames) {

    /** Copies the lists. */
    public InferenceRequest {
        inputs = List.copyOf(inputs);
        outputNames = outputNames == null ? List.of() : List.copyOf(outputNames);
    }

    /** A request with only inputs, for all outputs. */
    public static InferenceRequest of(List<Tensor> inputs) {
        return new InferenceRequest(null, null, inputs, List.of());
    }

    /** The request id, if given. */
    public Optional<String> requestId() {
        return Optional.ofNullable(id);
    }
}
