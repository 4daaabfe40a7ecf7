package dev.cairn.core.registry;

import java.util.Map;

/**
 * Where a model version's file came from: its content hash and size, the name it had, and what the
 * ONNX file says of itself. {@code signature} is the inputs and outputs as JSON.
 */
public record Provenance(String sha256, long sizeBytes, String fileName, String producerName, String producerVersion,
                         long irVersion, Map<String, Long> opsets, String signature) {

    public Provenance {
        opsets = Map.copyOf(opsets);
    }
}
