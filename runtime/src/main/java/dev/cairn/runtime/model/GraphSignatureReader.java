package dev.cairn.runtime.model;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.WireFormat;
import dev.cairn.runtime.onnx.format.OnnxFormat.ValueInfoProto;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads only the declared graph inputs and outputs from an ONNX file, skipping nodes and weights without parsing
 * them, so that a large model costs a read of the file rather than a full protobuf parse. ONNX Runtime's Java API
 * cannot describe optional inputs or int4/float8 outputs; the protobuf can.
 */
final class GraphSignatureReader {

    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;

    /** The graph's declared inputs (including IR 3 initializers listed as inputs) and outputs. */
    record Declared(List<ValueInfoProto> inputs, List<ValueInfoProto> outputs) {
    }

    private GraphSignatureReader() {
    }

    static Declared read(Path modelFile) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(modelFile), 1 << 16)) {
            return read(CodedInputStream.newInstance(in));
        }
    }

    static Declared read(byte[] model) throws IOException {
        return read(CodedInputStream.newInstance(model));
    }

    private static Declared read(CodedInputStream in) throws IOException {
        in.setSizeLimit(Integer.MAX_VALUE);
        List<ValueInfoProto> inputs = new ArrayList<>();
        List<ValueInfoProto> outputs = new ArrayList<>();
        ExtensionRegistryLite registry = ExtensionRegistryLite.getEmptyRegistry();
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (WireFormat.getTagFieldNumber(tag) == MODEL_GRAPH
                    && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int length = in.readRawVarint32();
                int oldLimit = in.pushLimit(length);
                int graphTag;
                while ((graphTag = in.readTag()) != 0) {
                    int field = WireFormat.getTagFieldNumber(graphTag);
                    boolean message = WireFormat.getTagWireType(graphTag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
                    if (message && field == GRAPH_INPUT) {
                        inputs.add(in.readMessage(ValueInfoProto.parser(), registry));
                    } else if (message && field == GRAPH_OUTPUT) {
                        outputs.add(in.readMessage(ValueInfoProto.parser(), registry));
                    } else {
                        in.skipField(graphTag);
                    }
                }
                in.popLimit(oldLimit);
            } else {
                in.skipField(tag);
            }
        }
        return new Declared(inputs, outputs);
    }
}
