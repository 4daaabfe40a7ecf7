package dev.cairn.runtime.tensor;

import java.util.Arrays;
import java.util.Optional;

/**
 * A declared tensor shape: one entry per dimension, -1 where the size is free, with the symbolic name of free
 * dimensions kept (e.g. {@code batch}); null names where a dimension is fixed or free but unnamed. A model may also
 * leave the rank itself open ({@link #UNKNOWN_RANK}).
 */
public record Shape(long[] dims, String[] dimNames) {

    /** A shape whose rank is not declared: any tensor shape fits. */
    public static final Shape UNKNOWN_RANK = new Shape(null, null);

    /** Copies the arrays; normalises negative sizes to -1 and empty names to null. */
    public Shape {
        if ((dims == null) != (dimNames == null)) {
            throw new IllegalArgumentException("dims and dimNames must both be null (unknown rank) or both be set");
        }
        if (dims != null) {
            if (dims.length != dimNames.length) {
                throw new IllegalArgumentException("dims and dimNames differ in length");
            }
            dims = dims.clone();
            dimNames = dimNames.clone();
            for (int i = 0; i < dims.length; i++) {
                if (dims[i] < 0) {
                    dims[i] = -1;
                }
                if (dimNames[i] != null && (dimNames[i].isEmpty() || dims[i] >= 0)) {
                    dimNames[i] = null;
                }
            }
        }
    }

    /** A fully fixed shape. */
    public static Shape of(long... dims) {
        return new Shape(dims, new String[dims.length]);
    }

    /** Whether the rank is declared. */
    public boolean isRankKnown() {
        return dims != null;
    }

    /** The number of dimensions, or -1 when the rank is unknown. */
    public int rank() {
        return dims == null ? -1 : dims.length;
    }

    /** A copy of the sizes, -1 for free dimensions; null when the rank is unknown. */
    @Override
    public long[] dims() {
        return dims == null ? null : dims.clone();
    }

    /** A copy of the symbolic names (null entries for fixed or unnamed dimensions); null when the rank is unknown. */
    @Override
    public String[] dimNames() {
        return dimNames == null ? null : dimNames.clone();
    }

    /** The size of dimension {@code axis}, -1 when free. */
    public long dim(int axis) {
        return dims[axis];
    }

    /** The symbolic name of dimension {@code axis}, if it has one. */
    public Optional<String> dimName(int axis) {
        return Optional.ofNullable(dimNames[axis]);
    }

    /** Whether dimension {@code axis} is free (symbolic or unnamed). */
    public boolean isDynamic(int axis) {
        return dims[axis] < 0;
    }

    /** Whether every dimension is fixed. */
    public boolean isFullyKnown() {
        return dims != null && Arrays.stream(dims).allMatch(d -> d >= 0);
    }

    /** Whether a concrete shape fits: same rank, and equal sizes wherever this shape fixes one. */
    public boolean accepts(long[] actual) {
        if (dims == null) {
            return true;
        }
        if (actual.length != dims.length) {
            return false;
        }
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] >= 0 && dims[i] != actual[i]) {
                return false;
            }
        }
        return true;
    }

    /** The shape as ONNX tools print it: {@code [batch,4]}, {@code ?} for an unnamed free dimension. */
    @Override
    public String toString() {
        if (dims == null) {
            return "[*]";
        }
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(dims[i] >= 0 ? Long.toString(dims[i]) : dimNames[i] != null ? dimNames[i] : "?");
        }
        return text.append(']').toString();
    }

    /** A concrete shape as {@code [2,3]}. */
    public static String format(long[] shape) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            text.append(i == 0 ? "" : ",").append(shape[i]);
        }
        return text.append(']').toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Shape that && Arrays.equals(dims, that.dims) && Arrays.equals(dimNames, that.dimNames);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(dims) + Arrays.hashCode(dimNames);
    }
}
