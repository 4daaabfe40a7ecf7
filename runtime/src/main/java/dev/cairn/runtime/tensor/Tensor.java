package dev.cairn.runtime.tensor;

import java.lang.reflect.Array;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * A named tensor held in plain Java memory: its element type, its shape and its values flattened row-major into one
 * primitive array ({@code float[]} for FLOAT, FLOAT16 and BFLOAT16; {@code byte[]} for INT8 and UINT8;
 * {@code short[]}, {@code int[]}, {@code long[]} for the 16/32/64-bit integers, signed or not; {@code double[]},
 * {@code boolean[]}, {@code String[]}).
 *
 * <p>The tensor takes the arrays it is given as they are, without copying, so callers must not change them
 * afterwards. A 0-d scalar has shape {@code []} and one value; a shape with a 0 dimension has no values.
 */
public record Tensor(String name, ElementType type, long[] shape, Object data) implements Value {

    /** Checks that the data array fits the element type and the shape. */
    public Tensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        if (!type.isHoldable()) {
            throw new UnsupportedTypeException("tensor '" + name + "' has type " + type.onnxName()
                    + ", which Cairn cannot hold in memory");
        }
        if (data.getClass() != type.arrayType()) {
            throw new IllegalArgumentException("tensor '" + name + "' of type " + type.onnxName() + " needs a "
                    + type.arrayType().getSimpleName() + ", got a " + data.getClass().getSimpleName());
        }
        long count = elementCount(shape);
        int length = Array.getLength(data);
        if (count != length) {
            throw new IllegalArgumentException("tensor '" + name + "' has shape " + Shape.format(shape) + " ("
                    + count + " values) but its data holds " + length + " values");
        }
        shape = shape.clone();
    }

    /** The number of values a shape holds (1 for a scalar); fails on negative dimensions and on overflow. */
    public static long elementCount(long[] shape) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Shape.format(shape));
            }
            count = Math.multiplyExact(count, dim);
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("shape " + Shape.format(shape) + " holds " + count
                    + " values, more than a Java array can");
        }
        return count;
    }

    /** A FLOAT tensor. */
    public static Tensor ofFloats(String name, long[] shape, float... data) {
        return new Tensor(name, ElementType.FLOAT, shape, data);
    }

    /** A FLOAT16 tensor; the values are rounded to FLOAT16 when the tensor goes to ONNX Runtime. */
    public static Tensor ofFloat16(String name, long[] shape, float... data) {
        return new Tensor(name, ElementType.FLOAT16, shape, data);
    }

    /** A BFLOAT16 tensor; the values are rounded to BFLOAT16 when the tensor goes to ONNX Runtime. */
    public static Tensor ofBFloat16(String name, long[] shape, float... data) {
        return new Tensor(name, ElementType.BFLOAT16, shape, data);
    }

    /** A DOUBLE tensor. */
    public static Tensor ofDoubles(String name, long[] shape, double... data) {
        return new Tensor(name, ElementType.DOUBLE, shape, data);
    }

    /** An INT8 tensor. */
    public static Tensor ofInt8(String name, long[] shape, byte... data) {
        return new Tensor(name, ElementType.INT8, shape, data);
    }

    /** A UINT8 tensor; each byte is read as unsigned (0..255). */
    public static Tensor ofUint8(String name, long[] shape, byte... data) {
        return new Tensor(name, ElementType.UINT8, shape, data);
    }

    /** An INT16 tensor. */
    public static Tensor ofInt16(String name, long[] shape, short... data) {
        return new Tensor(name, ElementType.INT16, shape, data);
    }

    /** An INT32 tensor. */
    public static Tensor ofInt32(String name, long[] shape, int... data) {
        return new Tensor(name, ElementType.INT32, shape, data);
    }

    /** An INT64 tensor. */
    public static Tensor ofInt64(String name, long[] shape, long... data) {
        return new Tensor(name, ElementType.INT64, shape, data);
    }

    /** A BOOL tensor. */
    public static Tensor ofBooleans(String name, long[] shape, boolean... data) {
        return new Tensor(name, ElementType.BOOL, shape, data);
    }

    /** A STRING tensor (OIP {@code BYTES}). */
    public static Tensor ofStrings(String name, long[] shape, String... data) {
        return new Tensor(name, ElementType.STRING, shape, data);
    }

    /** A tensor of zeros (false, or empty strings) of any holdable type. */
    public static Tensor zeros(String name, ElementType type, long[] shape) {
        int count = (int) elementCount(shape);
        Object data = Array.newInstance(type.arrayType().getComponentType(), count);
        if (type == ElementType.STRING) {
            Arrays.fill((String[]) data, "");
        }
        return new Tensor(name, type, shape, data);
    }

    /** The same tensor under another name (the data array is shared). */
    public Tensor withName(String newName) {
        return new Tensor(newName, type, shape, data);
    }

    /** A copy of the shape. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The number of dimensions; 0 for a scalar. */
    public int rank() {
        return shape.length;
    }

    /** The number of values. */
    public int elementCount() {
        return Array.getLength(data);
    }

    @Override
    public IoKind kind() {
        return IoKind.TENSOR;
    }

    @Override
    public String typeDescription() {
        return "tensor(" + type.onnxName() + ")";
    }

    /** The values of a FLOAT, FLOAT16 or BFLOAT16 tensor (the array itself, not a copy). */
    public float[] floats() {
        return (float[]) dataAs(float[].class);
    }

    /** The values of a DOUBLE tensor. */
    public double[] doubles() {
        return (double[]) dataAs(double[].class);
    }

    /** The values of an INT8 or UINT8 tensor. */
    public byte[] bytes() {
        return (byte[]) dataAs(byte[].class);
    }

    /** The values of an INT16 or UINT16 tensor. */
    public short[] shorts() {
        return (short[]) dataAs(short[].class);
    }

    /** The values of an INT32 or UINT32 tensor. */
    public int[] ints() {
        return (int[]) dataAs(int[].class);
    }

    /** The values of an INT64 or UINT64 tensor. */
    public long[] longs() {
        return (long[]) dataAs(long[].class);
    }

    /** The values of a BOOL tensor. */
    public boolean[] booleans() {
        return (boolean[]) dataAs(boolean[].class);
    }

    /** The values of a STRING tensor. */
    public String[] strings() {
        return (String[]) dataAs(String[].class);
    }

    private Object dataAs(Class<?> arrayClass) {
        if (data.getClass() != arrayClass) {
            throw new IllegalStateException("tensor '" + name + "' holds " + type.onnxName() + ", not "
                    + arrayClass.getSimpleName());
        }
        return data;
    }

    /**
     * The value at a flat row-major index, boxed: Float for the float types, Double, Long for integers (unsigned
     * ones widened), BigInteger for UINT64, Boolean, String.
     */
    public Object elementAt(int index) {
        return switch (type) {
            case FLOAT, FLOAT16, BFLOAT16 -> ((float[]) data)[index];
            case DOUBLE -> ((double[]) data)[index];
            case INT8 -> (long) ((byte[]) data)[index];
            case UINT8 -> (long) Byte.toUnsignedInt(((byte[]) data)[index]);
            case INT16 -> (long) ((short[]) data)[index];
            case UINT16 -> (long) Short.toUnsignedInt(((short[]) data)[index]);
            case INT32 -> (long) ((int[]) data)[index];
            case UINT32 -> Integer.toUnsignedLong(((int[]) data)[index]);
            case INT64 -> ((long[]) data)[index];
            case UINT64 -> new BigInteger(Long.toUnsignedString(((long[]) data)[index]));
            case BOOL -> ((boolean[]) data)[index];
            case STRING -> ((String[]) data)[index];
            default -> throw new IllegalStateException("unreachable: " + type);
        };
    }

    /** The value at a flat index as a double (unsigned integers read as unsigned, true as 1); not for strings. */
    public double doubleAt(int index) {
        return switch (type) {
            case FLOAT, FLOAT16, BFLOAT16 -> ((float[]) data)[index];
            case DOUBLE -> ((double[]) data)[index];
            case INT8 -> ((byte[]) data)[index];
            case UINT8 -> Byte.toUnsignedInt(((byte[]) data)[index]);
            case INT16 -> ((short[]) data)[index];
            case UINT16 -> Short.toUnsignedInt(((short[]) data)[index]);
            case INT32 -> ((int[]) data)[index];
            case UINT32 -> Integer.toUnsignedLong(((int[]) data)[index]);
            case INT64 -> ((long[]) data)[index];
            case UINT64 -> unsignedToDouble(((long[]) data)[index]);
            case BOOL -> ((boolean[]) data)[index] ? 1 : 0;
            default -> throw new IllegalStateException("tensor '" + name + "' of type " + type.onnxName()
                    + " has no numeric values");
        };
    }

    private static double unsignedToDouble(long value) {
        double high = (double) (value >>> 1) * 2.0;
        return high + (value & 1);
    }

    /** Equal when name, type, shape and values are equal (NaN equals NaN, as {@link Arrays#equals} compares). */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Tensor that)) {
            return false;
        }
        return name.equals(that.name) && type == that.type && Arrays.equals(shape, that.shape)
                && Arrays.deepEquals(new Object[] {data}, new Object[] {that.data});
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, Arrays.hashCode(shape), Arrays.deepHashCode(new Object[] {data}));
    }

    /** A short description with up to 8 values, for logs and test failures. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Tensor(").append(name).append(", ").append(type.onnxName())
                .append(Shape.format(shape)).append(", [");
        int shown = Math.min(elementCount(), 8);
        for (int i = 0; i < shown; i++) {
            text.append(i == 0 ? "" : ", ").append(elementAt(i));
        }
        if (shown < elementCount()) {
            text.append(", ...");
        }
        return text.append("])").toString();
    }
}
