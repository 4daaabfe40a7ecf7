package dev.cairn.core.onnx;

import java.util.List;
import java.util.Map;

/**
 * What an ONNX file says about itself, Netron's properties panel as data: header fields, opsets,
 * metadata, the graph's inputs and outputs, and counts of nodes, operators and weights.
 *
 * @param opsets           operator set versions by domain ({@code ai.onnx} for the default domain)
 * @param opHistogram      how many nodes of each op type, subgraphs of If/Loop/Scan included, most used first
 * @param parameterCount   elements in initializers, the trained weights
 * @param constantElements elements in Constant nodes' tensors, where some exporters keep their weights instead
 * @param externalData     tensors whose bytes live in another file
 */
public record ModelReport(String fileName, long sizeBytes, long irVersion, String producerName, String producerVersion,
                          String domain, long modelVersion, String docString, String graphName,
                          Map<String, Long> opsets, Map<String, String> metadata, List<ValueReport> inputs,
                          List<ValueReport> outputs, int nodeCount, int subgraphCount, int functionCount,
                          Map<String, Integer> opHistogram, int initializerCount, long initializerBytes,
                          int constantTensorCount, long constantElements, long parameterCount,
                          List<ExternalData> externalData) {

    public ModelReport {
        opsets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(opsets));
        metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        opHistogram = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(opHistogram));
        externalData = List.copyOf(externalData);
    }

    /**
     * One graph input or output.
     *
     * @param type  ONNX's notation, e.g. {@code tensor(float)} or {@code seq(map(int64,tensor(float)))}
     * @param shape one entry per dimension: a number, a symbolic name, or {@code ?} for an unnamed dynamic one;
     *              null when the type has no shape (sequences, maps) or the shape is unknown
     */
    public record ValueReport(String name, String type, String elementType, List<String> shape, String docString) {
    }

    /** A tensor stored outside the model file. */
    public record ExternalData(String tensorName, String location, Long offset, Long length) {
    }
}
