package dev.cairn.runtime.tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * A scikit-learn ZipMap output (a sequence of maps, one per row, class label to probability) flattened into a
 * [N, K] tensor whose columns are the labels in {@link #keys()} order. The Open Inference Protocol cannot carry
 * maps, and tables are what users want to see anyway.
 *
 * @param values FLOAT [N, K] (DOUBLE when the maps hold doubles), named after the sequence
 * @param keys the column labels, Long or String, in the maps' order
 */
public record ZipMapTable(Tensor values, List<Object> keys) {

    /** Copies the key list. */
    public ZipMapTable {
        keys = List.copyOf(keys);
    }

    /**
     * Whether a value is a ZipMap: a sequence whose elements are all maps with the same keys (integers or strings)
     * and float or double values.
     */
    public static boolean isZipMap(Value value) {
        if (!(value instanceof SequenceValue sequence)) {
            return false;
        }
        MapValue first = null;
        for (Value element : sequence.elements()) {
            if (!(element instanceof MapValue map)) {
                return false;
            }
            ElementType valueType = map.values().type();
            if (valueType != ElementType.FLOAT && valueType != ElementType.DOUBLE) {
                return false;
            }
            if (first == null) {
                first = map;
            } else if (!first.keys().equals(map.keys()) || first.values().type() != valueType) {
                return false;
            }
        }
        return first != null || sequence.elements().isEmpty();
    }

    /**
     * Flattens a ZipMap.
     *
     * @throws IllegalArgumentException when {@code sequence} is not a ZipMap (see {@link #isZipMap(Value)})
     */
    public static ZipMapTable of(SequenceValue sequence) {
        if (!isZipMap(sequence)) {
            throw new IllegalArgumentException("'" + sequence.name() + "' (" + sequence.typeDescription()
                    + ") is not a ZipMap: a sequence of maps with equal keys and float values");
        }
        int rows = sequence.size();
        if (rows == 0) {
            return new ZipMapTable(Tensor.ofFloats(sequence.name(), new long[] {0, 0}), List.of());
        }
        MapValue first = (MapValue) sequence.get(0);
        int columns = first.size();
        List<Object> keys = new ArrayList<>(columns);
        for (int i = 0; i < columns; i++) {
            keys.add(first.keys().elementAt(i));
        }
        long[] shape = {rows, columns};
        if (first.values().type() == ElementType.DOUBLE) {
            double[] data = new double[rows * columns];
            for (int row = 0; row < rows; row++) {
                System.arraycopy(((MapValue) sequence.get(row)).values().doubles(), 0, data, row * columns, columns);
            }
            return new ZipMapTable(Tensor.ofDoubles(sequence.name(), shape, data), keys);
        }
        float[] data = new float[rows * columns];
        for (int row = 0; row < rows; row++) {
            System.arraycopy(((MapValue) sequence.get(row)).values().floats(), 0, data, row * columns, columns);
        }
        return new ZipMapTable(Tensor.ofFloats(sequence.name(), shape, data), keys);
    }
}
