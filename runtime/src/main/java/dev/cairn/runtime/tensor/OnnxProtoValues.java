package dev.cairn.runtime.tensor;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.cairn.runtime.onnx.format.OnnxFormat.MapProto;
import dev.cairn.runtime.onnx.format.OnnxFormat.OptionalProto;
import dev.cairn.runtime.onnx.format.OnnxFormat.SequenceProto;
import dev.cairn.runtime.onnx.format.OnnxFormat.TensorProto;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads values stored in ONNX's protobuf messages ({@code TensorProto}, {@code SequenceProto}, {@code MapProto},
 * {@code OptionalProto}), as in the {@code input_N.pb} / {@code output_N.pb} files of ONNX test data sets.
 */
public final class OnnxProtoValues {

    // SequenceProto / OptionalProto elem_type numbers (their DataType enums).
    private static final int ELEM_TENSOR = 1;
    private static final int ELEM_SPARSE_TENSOR = 2;
    private static final int ELEM_SEQUENCE = 3;
    private static final int ELEM_MAP = 4;
    private static final int ELEM_OPTIONAL = 5;
    private static final int DATA_LOCATION_EXTERNAL = 1;

    private OnnxProtoValues() {
    }

    /**
     * Reads a {@code .pb} file whose message kind follows from the declared input or output it belongs to: tensor
     * {@code TensorProto}, sequence {@code SequenceProto}, map {@code MapProto}, optional {@code OptionalProto}.
     * The value is named after {@code spec}.
     */
    public static Value read(Path pbFile, IoSpec spec) throws IOException {
        byte[] bytes = Files.readAllBytes(pbFile);
        try {
            return switch (spec.kind()) {
                case TENSOR -> toTensor(TensorProto.parseFrom(bytes)).withName(spec.name());
                case SEQUENCE -> rename(toValue(SequenceProto.parseFrom(bytes)), spec.name());
                case MAP -> rename(toValue(MapProto.parseFrom(bytes)), spec.name());
                case OPTIONAL -> rename(toValue(OptionalProto.parseFrom(bytes)), spec.name());
                case SPARSE_TENSOR -> throw new UnsupportedTypeException("'" + spec.name()
                        + "' is a sparse tensor, which Cairn cannot read");
            };
        } catch (InvalidProtocolBufferException e) {
            throw new IOException(pbFile.getFileName() + " is not a valid " + spec.kind().label()
                    + " protobuf: " + e.getMessage(), e);
        }
    }

    private static Value rename(Value value, String name) {
        if (value instanceof Tensor tensor) {
            return tensor.withName(name);
        }
        if (value instanceof SequenceValue sequence) {
            return new SequenceValue(name, sequence.elements());
        }
        if (value instanceof MapValue map) {
            return new MapValue(name, map.keys(), map.values());
        }
        OptionalValue optional = (OptionalValue) value;
        return new OptionalValue(name, optional.element());
    }

    /**
     * Decodes a {@code TensorProto}: {@code raw_data} (little-endian) when present, otherwise the typed field ONNX
     * uses for the type ({@code float_data}; {@code int32_data} for int8/int16/uint8/uint16/bool and the bits of
     * float16/bfloat16; {@code int64_data}; {@code double_data}; {@code uint64_data} for uint32/uint64;
     * {@code string_data}).
     *
     * @throws UnsupportedTypeException for types a {@link Tensor} cannot hold and for external data
     * @throws InvalidInputException when the data does not match the dimensions
     */
    public static Tensor toTensor(TensorProto proto) {
        String name = proto.getName();
        ElementType type = ElementType.fromCode(proto.getDataType())
                .orElseThrow(() -> new UnsupportedTypeException("tensor '" + name + "' has unknown data type "
                        + proto.getDataType()));
        if (!type.isHoldable()) {
            throw new UnsupportedTypeException("tensor '" + name + "' has type " + type.onnxName()
                    + ", which Cairn cannot decode");
        }
        if (proto.getDataLocation() == DATA_LOCATION_EXTERNAL) {
            throw new UnsupportedTypeException("tensor '" + name + "' keeps its data in an external file, "
                    + "which Cairn does not read");
        }
        long[] shape = proto.getDimsList().stream().mapToLong(Long::longValue).toArray();
        int count;
        try {
            count = (int) Tensor.elementCount(shape);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new InvalidInputException(name, "tensor '" + name + "' has invalid dims " + Shape.format(shape));
        }
        Object data = Array.newInstance(type.arrayType().getComponentType(), count);
        if (type != ElementType.STRING && !proto.getRawData().isEmpty()) {
            readRaw(name, type, proto.getRawData(), count, data);
        } else {
            readTyped(name, type, proto, count, data);
        }
        return new Tensor(name, type, shape, data);
    }

    private static void readRaw(String name, ElementType type, ByteString raw, int count, Object data) {
        long expected = (long) count * type.byteSize();
        if (raw.size() != expected) {
            throw new InvalidInputException(name, "tensor '" + name + "' of type " + type.onnxName() + " needs "
                    + expected + " bytes of raw_data for " + count + " values, got " + raw.size());
        }
        ByteBuffer bytes = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case FLOAT -> bytes.asFloatBuffer().get((float[]) data);
            case DOUBLE -> bytes.asDoubleBuffer().get((double[]) data);
            case INT8, UINT8 -> bytes.get((byte[]) data);
            case INT16, UINT16 -> bytes.asShortBuffer().get((short[]) data);
            case INT32, UINT32 -> bytes.asIntBuffer().get((int[]) data);
            case INT64, UINT64 -> bytes.asLongBuffer().get((long[]) data);
            case BOOL -> {
                boolean[] flags = (boolean[]) data;
                for (int i = 0; i < count; i++) {
                    flags[i] = bytes.get(i) != 0;
                }
            }
            case FLOAT16, BFLOAT16 -> {
                float[] floats = (float[]) data;
                for (int i = 0; i < count; i++) {
                    floats[i] = halfToFloat(type, bytes.getShort(2 * i));
                }
            }
            default -> throw new IllegalStateException("unreachable: " + type);
        }
    }

    private static void readTyped(String name, ElementType type, TensorProto proto, int count, Object data) {
        int given = switch (type) {
            case FLOAT -> proto.getFloatDataCount();
            case DOUBLE -> proto.getDoubleDataCount();
            case INT64 -> proto.getInt64DataCount();
            case UINT32, UINT64 -> proto.getUint64DataCount();
            case STRING -> proto.getStringDataCount();
            default -> proto.getInt32DataCount();
        };
        if (given != count) {
            throw new InvalidInputException(name, "tensor '" + name + "' of shape "
                    + Shape.format(proto.getDimsList().stream().mapToLong(Long::longValue).toArray()) + " needs "
                    + count + " values, its data fields hold " + given);
        }
        for (int i = 0; i < count; i++) {
            switch (type) {
                case FLOAT -> ((float[]) data)[i] = proto.getFloatData(i);
                case DOUBLE -> ((double[]) data)[i] = proto.getDoubleData(i);
                case INT64 -> ((long[]) data)[i] = proto.getInt64Data(i);
                case UINT64 -> ((long[]) data)[i] = proto.getUint64Data(i);
                case UINT32 -> ((int[]) data)[i] = (int) proto.getUint64Data(i);
                case STRING -> ((String[]) data)[i] = proto.getStringData(i).toString(StandardCharsets.UTF_8);
                case INT32 -> ((int[]) data)[i] = proto.getInt32Data(i);
                case INT16, UINT16 -> ((short[]) data)[i] = (short) proto.getInt32Data(i);
                case INT8, UINT8 -> ((byte[]) data)[i] = (byte) proto.getInt32Data(i);
                case BOOL -> ((boolean[]) data)[i] = proto.getInt32Data(i) != 0;
                case FLOAT16, BFLOAT16 -> ((float[]) data)[i] = halfToFloat(type, (short) proto.getInt32Data(i));
                default -> throw new IllegalStateException("unreachable: " + type);
            }
        }
    }

    private static float halfToFloat(ElementType type, short bits) {
        return type == ElementType.FLOAT16 ? HalfFloats.fromFloat16Bits(bits) : HalfFloats.fromBFloat16Bits(bits);
    }

    /** Decodes a {@code SequenceProto} of tensors, sequences, maps or optionals. */
    public static SequenceValue toValue(SequenceProto proto) {
        List<Value> elements = new ArrayList<>();
        switch (proto.getElemType()) {
            case ELEM_TENSOR -> proto.getTensorValuesList().forEach(t -> elements.add(toTensor(t)));
            case ELEM_SEQUENCE -> proto.getSequenceValuesList().forEach(s -> elements.add(toValue(s)));
            case ELEM_MAP -> proto.getMapValuesList().forEach(m -> elements.add(toValue(m)));
            case ELEM_OPTIONAL -> proto.getOptionalValuesList().forEach(o -> elements.add(toValue(o)));
            case ELEM_SPARSE_TENSOR -> throw new UnsupportedTypeException("sequence '" + proto.getName()
                    + "' holds sparse tensors, which Cairn cannot read");
            default -> {
                // elem_type 0 (undefined) is legal for an empty sequence.
                if (proto.getTensorValuesCount() > 0) {
                    proto.getTensorValuesList().forEach(t -> elements.add(toTensor(t)));
                }
            }
        }
        return new SequenceValue(proto.getName(), elements);
    }

    /** Decodes a {@code MapProto}; its values (a sequence of tensors) are joined into one 1-D tensor. */
    public static MapValue toValue(MapProto proto) {
        ElementType keyType = ElementType.fromCode(proto.getKeyType())
                .orElseThrow(() -> new UnsupportedTypeException("map '" + proto.getName() + "' has unknown key type "
                        + proto.getKeyType()));
        Tensor keys;
        if (keyType == ElementType.STRING) {
            String[] keyData = proto.getStringKeysList().stream()
                    .map(k -> k.toString(StandardCharsets.UTF_8)).toArray(String[]::new);
            keys = Tensor.ofStrings("", new long[] {keyData.length}, keyData);
        } else {
            long[] keyData = proto.getKeysList().stream().mapToLong(Long::longValue).toArray();
            keys = Tensor.ofInt64("", new long[] {keyData.length}, keyData);
        }
        List<Tensor> parts = new ArrayList<>();
        for (Value element : toValue(proto.getValues()).elements()) {
            if (!(element instanceof Tensor tensor)) {
                throw new UnsupportedTypeException("map '" + proto.getName() + "' has non-tensor values ("
                        + element.typeDescription() + "), which Cairn cannot read");
            }
            parts.add(tensor);
        }
        return new MapValue(proto.getName(), keys, concat(parts));
    }

    private static Tensor concat(List<Tensor> parts) {
        if (parts.isEmpty()) {
            return Tensor.ofFloats("", new long[] {0});
        }
        ElementType type = parts.get(0).type();
        int total = parts.stream().mapToInt(Tensor::elementCount).sum();
        Object data = Array.newInstance(type.arrayType().getComponentType(), total);
        int offset = 0;
        for (Tensor part : parts) {
            if (part.type() != type) {
                throw new InvalidInputException("map values mix " + type.onnxName() + " and " + part.type().onnxName());
            }
            System.arraycopy(part.data(), 0, data, offset, part.elementCount());
            offset += part.elementCount();
        }
        return new Tensor("", type, new long[] {total}, data);
    }

    /** Decodes an {@code OptionalProto}; an empty optional has a null element. */
    public static OptionalValue toValue(OptionalProto proto) {
        Value element = switch (proto.getElemType()) {
            case ELEM_TENSOR -> toTensor(proto.getTensorValue());
            case ELEM_SEQUENCE -> toValue(proto.getSequenceValue());
            case ELEM_MAP -> toValue(proto.getMapValue());
            case ELEM_OPTIONAL -> toValue(proto.getOptionalValue());
            case ELEM_SPARSE_TENSOR -> throw new UnsupportedTypeException("optional '" + proto.getName()
                    + "' holds a sparse tensor, which Cairn cannot read");
            default -> null;
        };
        return new OptionalValue(proto.getName(), element);
    }
}
