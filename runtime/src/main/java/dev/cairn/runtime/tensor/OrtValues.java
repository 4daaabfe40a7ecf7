package dev.cairn.runtime.tensor;

import ai.onnxruntime.MapInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxMap;
import ai.onnxruntime.OnnxSequence;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Moves values across the ONNX Runtime boundary: {@link Tensor} to {@link OnnxTensor}, and any {@link OnnxValue} a
 * session returns (tensor, sequence, map, sequence of maps) back to a {@link Value}.
 */
public final class OrtValues {

    private OrtValues() {
    }

    /**
     * Builds an ONNX Runtime tensor; the caller must close it. Numeric data goes through a direct, native-order buffer,
     * which ORT uses without another copy.
     *
     * @throws UnsupportedTypeException for element types ONNX Runtime's Java API cannot create (uint16/32/64)
     */
    public static OnnxTensor toOnnxTensor(OrtEnvironment env, Tensor tensor) throws OrtException {
        long[] shape = tensor.shape();
        int count = tensor.elementCount();
        switch (tensor.type()) {
            case FLOAT: {
                FloatBuffer buffer = direct(count, 4).asFloatBuffer();
                buffer.put(tensor.floats()).rewind();
                return OnnxTensor.createTensor(env, buffer, shape);
            }
            case DOUBLE: {
                DoubleBuffer buffer = direct(count, 8).asDoubleBuffer();
                buffer.put(tensor.doubles()).rewind();
                return OnnxTensor.createTensor(env, buffer, shape);
            }
            case INT8:
            case UINT8: {
                ByteBuffer buffer = direct(count, 1);
                buffer.put(tensor.bytes()).rewind();
                return OnnxTensor.createTensor(env, buffer, shape, tensor.type() == ElementType.INT8
                        ? OnnxJavaType.INT8 : OnnxJavaType.UINT8);
            }
            case BOOL: {
                ByteBuffer buffer = direct(count, 1);
                for (boolean value : tensor.booleans()) {
                    buffer.put((byte) (value ? 1 : 0));
                }
                buffer.rewind();
                return OnnxTensor.createTensor(env, buffer, shape, OnnxJavaType.BOOL);
            }
            case INT16: {
                ShortBuffer buffer = direct(count, 2).asShortBuffer();
                buffer.put(tensor.shorts()).rewind();
                return OnnxTensor.createTensor(env, buffer, shape, OnnxJavaType.INT16);
            }
            case FLOAT16:
            case BFLOAT16: {
                boolean half = tensor.type() == ElementType.FLOAT16;
                ShortBuffer buffer = direct(count, 2).asShortBuffer();
                for (float value : tensor.floats()) {
                    buffer.put(half ? HalfFloats.toFloat16Bits(value) : HalfFloats.toBFloat16Bits(value));
                }
                buffer.rewind();
                return OnnxTensor.createTensor(env, buffer, shape,
                        half ? OnnxJavaType.FLOAT16 : OnnxJavaType.BFLOAT16);
            }
            case INT32: {
                IntBuffer buffer = direct(count, 4).asIntBuffer();
                buffer.put(tensor.ints()).rewind();
                return OnnxTensor.createTensor(env, buffer, shape);
            }
            case INT64: {
                LongBuffer buffer = direct(count, 8).asLongBuffer();
                buffer.put(tensor.longs()).rewind();
                return OnnxTensor.createTensor(env, buffer, shape);
            }
            case STRING:
                return OnnxTensor.createTensor(env, tensor.strings(), shape);
            default:
                throw new UnsupportedTypeException("input '" + tensor.name() + "' has type "
                        + tensor.type().onnxName() + ", which ONNX Runtime's Java API cannot create");
        }
    }

    private static ByteBuffer direct(int count, int bytesPerValue) {
        return ByteBuffer.allocateDirect(Math.multiplyExact(count, bytesPerValue)).order(ByteOrder.nativeOrder());
    }

    /**
     * Copies a value ONNX Runtime returned into Java memory. The caller keeps ownership of {@code value}; elements
     * that ORT hands out separately (those of a sequence) are closed here.
     *
     * @throws UnsupportedTypeException for element types Java cannot read (float8, int4, ...) and for sequences or
     *     maps of types ORT's Java API does not unpack
     */
    public static Value fromOnnxValue(String name, OnnxValue value) throws OrtException {
        if (value instanceof OnnxTensor tensor) {
            return fromOnnxTensor(name, tensor);
        }
        if (value instanceof OnnxSequence sequence) {
            return fromOnnxSequence(name, sequence);
        }
        if (value instanceof OnnxMap map) {
            return fromOnnxMap(name, map);
        }
        throw UnsupportedTypeException.cannotRead(name, String.valueOf(value.getType()));
    }

    /** Copies an ONNX Runtime tensor into a {@link Tensor}. */
    public static Tensor fromOnnxTensor(String name, OnnxTensor onnxTensor) throws OrtException {
        TensorInfo info = onnxTensor.getInfo();
        ElementType type = ElementType.fromOrt(info)
                .filter(ElementType::isHoldable)
                .orElseThrow(() -> UnsupportedTypeException.cannotRead(name, describeOrtType(info)));
        long[] shape = info.getShape();
        int count = (int) Tensor.elementCount(shape);
        if (type == ElementType.STRING) {
            List<String> strings = new ArrayList<>(count);
            flattenStrings(onnxTensor.getValue(), strings);
            return Tensor.ofStrings(name, shape, strings.toArray(new String[0]));
        }
        // getByteBuffer copies the raw bytes of every numeric type, including the unsigned ones ORT labels as signed.
        ByteBuffer bytes = count == 0 ? ByteBuffer.allocate(0) : onnxTensor.getByteBuffer().order(ByteOrder.nativeOrder());
        Object data = Array.newInstance(type.arrayType().getComponentType(), count);
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
                ShortBuffer bits = bytes.asShortBuffer();
                float[] floats = (float[]) data;
                for (int i = 0; i < count; i++) {
                    floats[i] = type == ElementType.FLOAT16
                            ? HalfFloats.fromFloat16Bits(bits.get(i)) : HalfFloats.fromBFloat16Bits(bits.get(i));
                }
            }
            default -> throw UnsupportedTypeException.cannotRead(name, type.onnxName());
        }
        return new Tensor(name, type, shape, data);
    }

    private static String describeOrtType(TensorInfo info) {
        return ElementType.fromOrt(info.onnxType).map(ElementType::onnxName)
                .orElse("an element type unknown to ONNX Runtime's Java API");
    }

    private static void flattenStrings(Object value, List<String> into) {
        if (value instanceof String text) {
            into.add(text);
        } else if (value instanceof Object[] array) {
            for (Object element : array) {
                flattenStrings(element, into);
            }
        } else if (value != null) {
            throw new IllegalStateException("unexpected string tensor content: " + value.getClass());
        }
    }

    private static SequenceValue fromOnnxSequence(String name, OnnxSequence sequence) throws OrtException {
        List<? extends OnnxValue> elements;
        try {
            elements = sequence.getValue();
        } catch (OrtException e) {
            // ORT's Java API unpacks only sequences of float/double/int64/string tensors and of maps.
            throw UnsupportedTypeException.cannotRead(name, "seq(tensor(" + sequence.getInfo().sequenceType
                    .name().toLowerCase(java.util.Locale.ROOT) + "))");
        }
        List<Value> converted = new ArrayList<>(elements.size());
        try {
            for (OnnxValue element : elements) {
                converted.add(fromOnnxValue("", element));
            }
        } finally {
            // The elements are separate native values that closing the sequence does not release.
            for (OnnxValue element : elements) {
                element.close();
            }
        }
        return new SequenceValue(name, converted);
    }

    private static MapValue fromOnnxMap(String name, OnnxMap map) throws OrtException {
        MapInfo info = map.getInfo();
        Map<?, ?> entries = map.getValue();
        List<Map.Entry<?, ?>> sorted = new ArrayList<>(entries.entrySet());
        // ORT builds a HashMap; sorting restores a stable order (scikit-learn's class labels are sorted too).
        sorted.sort((a, b) -> comparable(a.getKey()).compareTo(b.getKey()));
        int size = sorted.size();
        long[] shape = {size};
        Tensor keys;
        if (info.keyType == OnnxJavaType.STRING) {
            String[] keyData = new String[size];
            for (int i = 0; i < size; i++) {
                keyData[i] = (String) sorted.get(i).getKey();
            }
            keys = Tensor.ofStrings("", shape, keyData);
        } else {
            long[] keyData = new long[size];
            for (int i = 0; i < size; i++) {
                keyData[i] = ((Number) sorted.get(i).getKey()).longValue();
            }
            keys = Tensor.ofInt64("", shape, keyData);
        }
        Tensor values = switch (info.valueType) {
            case FLOAT -> {
                float[] data = new float[size];
                for (int i = 0; i < size; i++) {
                    data[i] = ((Number) sorted.get(i).getValue()).floatValue();
                }
                yield Tensor.ofFloats("", shape, data);
            }
            case DOUBLE -> {
                double[] data = new double[size];
                for (int i = 0; i < size; i++) {
                    data[i] = ((Number) sorted.get(i).getValue()).doubleValue();
                }
                yield Tensor.ofDoubles("", shape, data);
            }
            case INT64 -> {
                long[] data = new long[size];
                for (int i = 0; i < size; i++) {
                    data[i] = ((Number) sorted.get(i).getValue()).longValue();
                }
                yield Tensor.ofInt64("", shape, data);
            }
            case STRING -> {
                String[] data = new String[size];
                for (int i = 0; i < size; i++) {
                    data[i] = (String) sorted.get(i).getValue();
                }
                yield Tensor.ofStrings("", shape, data);
            }
            default -> throw UnsupportedTypeException.cannotRead(name, "map(" + info.keyType + "," + info.valueType + ")");
        };
        return new MapValue(name, keys, values);
    }

    @SuppressWarnings("unchecked")
    private static Comparable<Object> comparable(Object key) {
        return (Comparable<Object>) key;
    }
}
