package dev.cairn.core.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.cairn.core.error.CairnException;
import dev.cairn.runtime.onnx.format.OnnxFormat.AttributeProto;
import dev.cairn.runtime.onnx.format.OnnxFormat.FunctionProto;
import dev.cairn.runtime.onnx.format.OnnxFormat.GraphProto;
import dev.cairn.runtime.onnx.format.OnnxFormat.ModelProto;
import dev.cairn.runtime.onnx.format.OnnxFormat.NodeProto;
import dev.cairn.runtime.onnx.format.OnnxFormat.OperatorSetIdProto;
import dev.cairn.runtime.onnx.format.OnnxFormat.StringStringEntryProto;
import dev.cairn.runtime.onnx.format.OnnxFormat.TensorProto;
import dev.cairn.runtime.onnx.format.OnnxFormat.TensorShapeProto;
import dev.cairn.runtime.onnx.format.OnnxFormat.TypeProto;
import dev.cairn.runtime.onnx.format.OnnxFormat.ValueInfoProto;
import dev.cairn.runtime.tensor.ElementType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an ONNX file's protobuf, the only place that holds IR version, opsets, nodes and initializers
 * (ONNX Runtime exposes none of them). Weights are measured from their dimensions, never decoded.
 */
public final class ModelInspector {

    private ModelInspector() {
    }

    /** Inspects {@code file}; a file that is not an ONNX model gets a {@link CairnException} saying so. */
    public static ModelReport inspect(Path file) {
        ModelProto model;
        long size;
        try (InputStream in = Files.newInputStream(file)) {
            size = Files.size(file);
            CodedInputStream coded = CodedInputStream.newInstance(in);
            coded.setSizeLimit(Integer.MAX_VALUE);
            coded.setRecursionLimit(1000);
            model = ModelProto.parseFrom(coded);
        } catch (InvalidProtocolBufferException e) {
            throw new CairnException(file.getFileName() + " is not an ONNX model (its protobuf does not parse: "
                    + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new CairnException("Could not read " + file.getFileName() + ": " + e.getMessage(), e);
        }
        if (!model.hasGraph() || model.getIrVersion() <= 0) {
            throw new CairnException(file.getFileName() + " is not an ONNX model: it has no "
                    + (model.hasGraph() ? "IR version" : "graph"));
        }
        return report(file.getFileName().toString(), size, model);
    }

    static ModelReport report(String fileName, long size, ModelProto model) {
        Map<String, Long> opsets = new LinkedHashMap<>();
        for (OperatorSetIdProto opset : model.getOpsetImportList()) {
            opsets.put(domainName(opset.getDomain()), opset.getVersion());
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (StringStringEntryProto entry : model.getMetadataPropsList()) {
            metadata.put(entry.getKey(), entry.getValue());
        }
        GraphProto graph = model.getGraph();
        Set<String> initializerNames = new HashSet<>();
        graph.getInitializerList().forEach(tensor -> initializerNames.add(tensor.getName()));
        List<ModelReport.ValueReport> inputs = new ArrayList<>();
        for (ValueInfoProto input : graph.getInputList()) {
            // IR 3 models list their initializers as inputs too; they are weights, not inputs a caller gives.
            if (!initializerNames.contains(input.getName())) {
                inputs.add(value(input));
            }
        }
        List<ModelReport.ValueReport> outputs = graph.getOutputList().stream().map(ModelInspector::value).toList();

        Census census = new Census();
        census.graph(graph, false);
        for (FunctionProto function : model.getFunctionsList()) {
            function.getNodeList().forEach(node -> census.node(node));
        }
        Map<String, Integer> histogram = new LinkedHashMap<>();
        census.ops.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(entry -> histogram.put(entry.getKey(), entry.getValue()));
        return new ModelReport(fileName, size, model.getIrVersion(), model.getProducerName(), model.getProducerVersion(),
                model.getDomain(), model.getModelVersion(), model.getDocString(), graph.getName(), opsets, metadata,
                inputs, outputs, census.nodes, census.subgraphs, model.getFunctionsCount(), histogram,
                census.initializers, census.initializerBytes, census.constants, census.constantElements, census.parameters,
                census.external);
    }

    /** Counts nodes, op types and weights through a graph and every subgraph in its nodes' attributes. */
    private static final class Census {
        final Map<String, Integer> ops = new HashMap<>();
        final List<ModelReport.ExternalData> external = new ArrayList<>();
        int nodes;
        int subgraphs;
        int initializers;
        long initializerBytes;
        int constants;
        long constantElements;
        long parameters;

        void graph(GraphProto graph, boolean subgraph) {
            if (subgraph) {
                subgraphs++;
            }
            for (TensorProto tensor : graph.getInitializerList()) {
                initializers++;
                initializerBytes += bytes(tensor);
                parameters += elements(tensor);
                externalReference(tensor);
            }
            graph.getSparseInitializerList().forEach(sparse -> {
                initializers++;
                initializerBytes += bytes(sparse.getValues()) + bytes(sparse.getIndices());
                parameters += elements(sparse.getValues());
            });
            graph.getNodeList().forEach(this::node);
        }

        void node(NodeProto node) {
            nodes++;
            ops.merge(node.getOpType(), 1, Integer::sum);
            for (AttributeProto attribute : node.getAttributeList()) {
                if (attribute.hasG()) {
                    graph(attribute.getG(), true);
                }
                attribute.getGraphsList().forEach(g -> graph(g, true));
                if (node.getOpType().equals("Constant") && attribute.hasT()) {
                    constants++;
                    constantElements += elements(attribute.getT());
                }
            }
        }

        private void externalReference(TensorProto tensor) {
            if (tensor.getDataLocation() != 1) {
                return;
            }
            String location = null;
            Long offset = null;
            Long length = null;
            for (StringStringEntryProto entry : tensor.getExternalDataList()) {
                switch (entry.getKey()) {
                    case "location" -> location = entry.getValue();
                    case "offset" -> offset = parseLong(entry.getValue());
                    case "length" -> length = parseLong(entry.getValue());
                    default -> { }
                }
            }
            external.add(new ModelReport.ExternalData(tensor.getName(), location, offset, length));
        }
    }

    private static Long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A tensor's element count; a negative dimension, or a count past int64, is no ONNX model's. */
    private static long elements(TensorProto tensor) {
        long count = 1;
        for (long dim : tensor.getDimsList()) {
            if (dim < 0) {
                throw new CairnException("This is not a valid ONNX model: tensor '" + tensor.getName() + "' has the "
                        + "negative dimension " + dim + " " + tensor.getDimsList());
            }
            try {
                count = Math.multiplyExact(count, dim);
            } catch (ArithmeticException e) {
                throw new CairnException("This is not a valid ONNX model: tensor '" + tensor.getName() + "' has "
                        + "dimensions " + tensor.getDimsList() + ", more elements than any file can hold");
            }
        }
        return count;
    }

    /** Bytes of a tensor's data, from its dimensions (strings: their bytes); never decodes the weights. */
    private static long bytes(TensorProto tensor) {
        if (tensor.getDataType() == ElementType.STRING.code()) {
            long total = 0;
            for (var text : tensor.getStringDataList()) {
                total += text.size();
            }
            return total;
        }
        long bits = ElementType.fromCode(tensor.getDataType()).map(ModelInspector::bits).orElse(0);
        return (elements(tensor) * bits + 7) / 8;
    }

    private static ModelReport.ValueReport value(ValueInfoProto info) {
        TypeProto type = info.getType();
        String element = null;
        List<String> shape = null;
        if (type.hasTensorType()) {
            element = elementName(type.getTensorType().getElemType());
            if (type.getTensorType().hasShape()) {
                shape = shape(type.getTensorType().getShape());
            }
        }
        return new ModelReport.ValueReport(info.getName(), typeName(type), element, shape, info.getDocString());
    }

    private static List<String> shape(TensorShapeProto shape) {
        List<String> dims = new ArrayList<>();
        for (TensorShapeProto.Dimension dim : shape.getDimList()) {
            if (dim.hasDimValue()) {
                dims.add(Long.toString(dim.getDimValue()));
            } else if (dim.hasDimParam() && !dim.getDimParam().isEmpty()) {
                dims.add(dim.getDimParam());
            } else {
                dims.add("?");
            }
        }
        return dims;
    }

    /** ONNX's notation for a type: {@code tensor(float)}, {@code seq(map(int64,tensor(float)))}, ... */
    static String typeName(TypeProto type) {
        return switch (type.getValueCase()) {
            case TENSOR_TYPE -> "tensor(" + elementName(type.getTensorType().getElemType()) + ")";
            case SPARSE_TENSOR_TYPE -> "sparse_tensor(" + elementName(type.getSparseTensorType().getElemType()) + ")";
            case SEQUENCE_TYPE -> "seq(" + typeName(type.getSequenceType().getElemType()) + ")";
            case MAP_TYPE -> "map(" + elementName(type.getMapType().getKeyType()) + ","
                    + typeName(type.getMapType().getValueType()) + ")";
            case OPTIONAL_TYPE -> "optional(" + typeName(type.getOptionalType().getElemType()) + ")";
            case VALUE_NOT_SET -> "unknown";
        };
    }

    private static String elementName(int code) {
        return ElementType.fromCode(code).map(ElementType::onnxName).orElse("type" + code);
    }

    /** Bits per element: the 4- and 2-bit types pack several elements into a byte. */
    private static int bits(ElementType type) {
        return switch (type) {
            case INT4, UINT4, FLOAT4E2M1 -> 4;
            case INT2, UINT2 -> 2;
            default -> type.byteSize() * 8;
        };
    }

    private static String domainName(String domain) {
        return domain == null || domain.isEmpty() ? "ai.onnx" : domain;
    }
}
