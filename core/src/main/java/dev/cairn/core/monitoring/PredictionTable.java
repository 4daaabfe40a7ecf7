package dev.cairn.core.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.core.drift.CsvTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Logged predictions as rows of named columns, one row per batch element, so that drift can compare them with a
 * reference table. Inputs: a single [N, k] input's columns take the reference's feature names in order (f0..fk-1
 * without enough of them); several [N] or [N, 1] inputs (a pipeline with one input per column) are named after the
 * inputs. Outputs: a label (integers, strings) is a categorical column named after the output; class probabilities
 * ([N, K], or a flattened ZipMap) are numerical {@code prob_<class>} columns. Tensors the log summarised, and tensors
 * of higher rank (images), are skipped and counted.
 */
public final class PredictionTable {

    public static final String PROBABILITY_PREFIX = "prob_";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<String> columns;
    private final String[][] cells;
    private final long[] rowTimes;
    private final Set<String> labelColumns;
    private final int skippedTensors;
    private final int predictions;

    private PredictionTable(List<String> columns, String[][] cells, long[] rowTimes, Set<String> labelColumns,
            int skippedTensors, int predictions) {
        this.columns = List.copyOf(columns);
        this.cells = cells;
        this.rowTimes = rowTimes;
        this.labelColumns = Set.copyOf(labelColumns);
        this.skippedTensors = skippedTensors;
        this.predictions = predictions;
    }

    /**
     * Builds the table of {@code predictions}, in their order.
     *
     * @param featureNames the reference's column names, from which a single 2-D input's columns are named (columns
     *     named like an output are not features); empty for f0, f1, ...
     */
    public static PredictionTable of(List<LoggedPrediction> predictions, List<String> featureNames) {
        Builder builder = new Builder(featureNames);
        predictions.forEach(builder::add);
        return builder.build(predictions.size());
    }

    public List<String> columns() {
        return columns;
    }

    public int rows() {
        return rowTimes.length;
    }

    /** How many predictions the rows came from. */
    public int predictions() {
        return predictions;
    }

    /** When the prediction of row {@code row} was made. */
    public Instant time(int row) {
        return Instant.ofEpochMilli(rowTimes[row]);
    }

    /** Output columns holding labels, compared as categorical whatever their values look like. */
    public Set<String> labelColumns() {
        return labelColumns;
    }

    /** Tensors left out: summarised by the log (over its value limit), of rank above 2, or not of the batch's size. */
    public int skippedTensors() {
        return skippedTensors;
    }

    /** Whether any row of {@code column} in [from, to) has a value. */
    public boolean hasValues(String column, int from, int to) {
        String[] values = cells[columns.indexOf(column)];
        for (int row = from; row < to; row++) {
            if (values[row] != null) {
                return true;
            }
        }
        return false;
    }

    /** Rows [from, to) of these columns as a CSV table, so that they are typed and compared as {@code cairn drift} does. */
    public CsvTable slice(String name, List<String> sliceColumns, int from, int to) {
        String[][] sliced = new String[sliceColumns.size()][];
        for (int c = 0; c < sliced.length; c++) {
            sliced[c] = Arrays.copyOfRange(cells[columns.indexOf(sliceColumns.get(c))], from, to);
        }
        int[] lines = new int[to - from];
        Arrays.setAll(lines, i -> from + i + 1);
        return CsvTable.of(name, "", sliceColumns, sliced, lines);
    }

    /** Collects columns prediction by prediction; a column a prediction lacks is missing in its rows. */
    private static final class Builder {

        private final List<String> featureNames;
        private final Map<String, List<String>> columns = new LinkedHashMap<>();
        private final Set<String> labels = new LinkedHashSet<>();
        private final List<Long> times = new ArrayList<>();
        private int skipped;

        Builder(List<String> featureNames) {
            this.featureNames = List.copyOf(featureNames);
        }

        void add(LoggedPrediction prediction) {
            List<LoggedTensor> inputs = tensors(prediction.inputsJson());
            List<LoggedTensor> outputs = tensors(prediction.outputsJson());
            long rows = batchSize(inputs, outputs);
            if (rows <= 0) {
                skipped += inputs.size() + outputs.size();
                return;
            }
            int first = times.size();
            for (int i = 0; i < rows; i++) {
                times.add(prediction.time().toEpochMilli());
            }
            Map<String, List<String>> outputColumns = outputColumns(outputs, (int) rows);
            Map<String, List<String>> inputColumns = inputColumns(inputs, (int) rows, outputColumns.keySet());
            inputColumns.forEach((name, values) -> put(name, values, first));
            outputColumns.forEach((name, values) -> put(name, values, first));
        }

        PredictionTable build(int predictions) {
            int rows = times.size();
            String[][] cells = new String[columns.size()][];
            int c = 0;
            for (List<String> values : columns.values()) {
                pad(values, rows);
                cells[c++] = values.toArray(String[]::new);
            }
            long[] rowTimes = times.stream().mapToLong(Long::longValue).toArray();
            return new PredictionTable(new ArrayList<>(columns.keySet()), cells, rowTimes, labels, skipped,
                    predictions);
        }

        private void put(String name, List<String> values, int firstRow) {
            List<String> column = columns.computeIfAbsent(name, key -> new ArrayList<>());
            pad(column, firstRow);
            column.addAll(values);
        }

        private static void pad(List<String> column, int rows) {
            while (column.size() < rows) {
                column.add(null);
            }
        }

        private Map<String, List<String>> outputColumns(List<LoggedTensor> outputs, int rows) {
            long wide = outputs.stream().filter(t -> usable(t, rows) && t.width() > 1).count();
            Map<String, List<String>> result = new LinkedHashMap<>();
            for (LoggedTensor output : outputs) {
                if (!usable(output, rows)) {
                    skipped++;
                } else if (output.width() == 1) {
                    result.put(output.name(), output.values());
                    if (!output.floatingPoint()) {
                        labels.add(output.name());
                    }
                } else {
                    // Probabilities: a ZipMap says its classes; a lone [N, K] output is taken to be per class.
                    boolean probabilities = output.keys() != null || wide == 1;
                    for (int k = 0; k < output.width(); k++) {
                        String suffix = output.keys() != null && k < output.keys().size() ? output.keys().get(k)
                                : Integer.toString(k);
                        result.put((probabilities ? PROBABILITY_PREFIX : output.name() + "_") + suffix,
                                column(output, rows, k));
                    }
                }
            }
            return result;
        }

        private Map<String, List<String>> inputColumns(List<LoggedTensor> inputs, int rows, Set<String> outputNames) {
            Map<String, List<String>> result = new LinkedHashMap<>();
            List<LoggedTensor> usable = new ArrayList<>();
            for (LoggedTensor input : inputs) {
                if (usable(input, rows)) {
                    usable.add(input);
                } else {
                    skipped++;
                }
            }
            if (usable.size() == 1 && usable.get(0).shape().length == 2) {
                LoggedTensor input = usable.get(0);
                List<String> names = featureNames.stream().filter(name -> !outputNames.contains(name)).toList();
                for (int k = 0; k < input.width(); k++) {
                    result.put(names.size() >= input.width() ? names.get(k) : "f" + k, column(input, rows, k));
                }
                return result;
            }
            for (LoggedTensor input : usable) {
                if (input.width() == 1) {
                    result.put(input.name(), input.values());
                } else {
                    for (int k = 0; k < input.width(); k++) {
                        result.put(input.name() + "_" + k, column(input, rows, k));
                    }
                }
            }
            return result;
        }

        /** A tensor becomes columns when it has all its values, one row per batch element and at most 2 dimensions. */
        private static boolean usable(LoggedTensor tensor, int rows) {
            return !tensor.summarised() && tensor.rows() == rows && tensor.width() >= 1
                    && tensor.values().size() == (long) rows * tensor.width();
        }

        private static List<String> column(LoggedTensor tensor, int rows, int k) {
            List<String> values = new ArrayList<>(rows);
            for (int row = 0; row < rows; row++) {
                values.add(tensor.values().get(row * tensor.width() + k));
            }
            return values;
        }

        /** The batch size: the first dimension of the first input (of the first output for a scalar input). */
        private static long batchSize(List<LoggedTensor> inputs, List<LoggedTensor> outputs) {
            for (List<LoggedTensor> tensors : List.of(inputs, outputs)) {
                for (LoggedTensor tensor : tensors) {
                    if (tensor.rows() > 0) {
                        return tensor.rows();
                    }
                }
            }
            return -1;
        }

        private static List<LoggedTensor> tensors(String json) {
            try {
                List<LoggedTensor> tensors = new ArrayList<>();
                for (JsonNode node : MAPPER.readTree(json)) {
                    tensors.add(LoggedTensor.of(node));
                }
                return tensors;
            } catch (JsonProcessingException e) {
                // Only checked JSON arrays are stored, so this means the database was edited by hand.
                throw new MonitoringException("A stored prediction's tensors are not JSON (" + e.getOriginalMessage()
                        + "); pull the source again into a fresh workspace", e);
            }
        }
    }
}
