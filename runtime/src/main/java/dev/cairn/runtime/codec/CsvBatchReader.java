package dev.cairn.runtime.codec;

import dev.cairn.runtime.tensor.ElementType;
import dev.cairn.runtime.tensor.HalfFloats;
import dev.cairn.runtime.tensor.InputValidator;
import dev.cairn.runtime.tensor.InvalidInputException;
import dev.cairn.runtime.tensor.IoSpec;
import dev.cairn.runtime.tensor.Shape;
import dev.cairn.runtime.tensor.Tensor;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a table with named columns (a CSV batch with its header row, or a JSON dataframe) into model inputs, one row
 * per batch element:
 * <ol>
 *   <li>when every header column names a model input and each of those inputs has shape [N] or [N,1] (N free or
 *       equal to the row count), each column becomes one input with one value per row (scikit-learn pipelines);</li>
 *   <li>otherwise, when the model has exactly one input, of shape [N, K], and the table has K columns, each row
 *       becomes one batch element of that input (header names are then only labels);</li>
 *   <li>anything else is an error naming the header columns and the model's inputs.</li>
 * </ol>
 * Cells are parsed by the input's element type; an empty cell is NaN for floating-point inputs (a missing value).
 */
public final class CsvBatchReader {

    private CsvBatchReader() {
    }

    /** Where a table came from, which decides how error messages name its rows and columns. */
    public enum Origin {
        /** A CSV text: rows numbered as spreadsheets do (the header is row 1), columns by position and name. */
        CSV("CSV"),
        /** A JSON table such as MLflow's {@code dataframe_split}: data rows numbered from 1, columns by name. */
        DATAFRAME("dataframe");

        private final String label;

        Origin(String label) {
            this.label = label;
        }

        String cell(int row, int column, String columnName) {
            return this == CSV ? "CSV row " + (row + 2) + ", column " + (column + 1) + " ('" + columnName + "')"
                    : "dataframe row " + (row + 1) + ", column '" + columnName + "'";
        }
    }

    /**
     * Reads a CSV text into one tensor per model input.
     *
     * @throws InvalidInputException when the text is not valid CSV, the columns fit neither rule, or a cell cannot be
     *     parsed (the message names its 1-based row, the header being row 1, and its column)
     * @throws dev.cairn.runtime.tensor.UnsupportedTypeException when an input has a type Java cannot create
     */
    public static List<Tensor> read(String csv, List<IoSpec> modelInputs) {
        return read(CsvTable.parse(csv), modelInputs, Origin.CSV);
    }

    /**
     * Reads a table of text cells into one tensor per model input, by the rules above.
     *
     * @param origin how error messages name rows and columns
     * @throws InvalidInputException when the columns fit neither rule, or a cell cannot be parsed (the message names
     *     its row and column)
     * @throws dev.cairn.runtime.tensor.UnsupportedTypeException when an input has a type Java cannot create
     */
    public static List<Tensor> read(CsvTable table, List<IoSpec> modelInputs, Origin origin) {
        List<String> header = table.header();
        int rows = table.rowCount();
        Set<String> inputNames = new HashSet<>();
        modelInputs.forEach(spec -> inputNames.add(spec.name()));
        boolean allNamed = !header.isEmpty() && inputNames.containsAll(header);
        String notColumn = null;
        if (allNamed) {
            for (String column : header) {
                IoSpec spec = InputValidator.find(modelInputs, column);
                if (!isColumnShaped(spec.shape(), rows)) {
                    notColumn = "input '" + column + "' has shape " + spec.shape() + ", not [N] or [N,1]";
                    break;
                }
            }
            if (notColumn == null) {
                return readColumns(table, modelInputs, origin);
            }
        }
        if (modelInputs.size() == 1 && isMatrixShaped(modelInputs.get(0).shape(), rows, header.size())) {
            return List.of(readMatrix(table, modelInputs.get(0), origin));
        }
        String reason = notColumn != null ? notColumn
                : allNamed ? "" : "columns that are not model inputs: " + String.join(", ",
                        header.stream().filter(h -> !inputNames.contains(h)).toList());
        throw new InvalidInputException(origin.label + " columns [" + String.join(", ", header)
                + "] do not fit the model's inputs " + InputValidator.list(modelInputs)
                + (reason.isEmpty() ? "" : " (" + reason + ")")
                + ". Give one column per input, each input of shape [N] or [N,1]; or, for a model with a single "
                + "[N,K] input, K columns");
    }

    /** Reads a CSV text into a request for all outputs; see {@link #read(String, List)}. */
    public static InferenceRequest readRequest(String csv, List<IoSpec> modelInputs) {
        return InferenceRequest.of(read(csv, modelInputs));
    }

    private static boolean isColumnShaped(Shape shape, int rows) {
        if (!shape.isRankKnown() || shape.rank() < 1 || shape.rank() > 2) {
            return false;
        }
        boolean batchFits = shape.isDynamic(0) || shape.dim(0) == rows;
        return batchFits && (shape.rank() == 1 || shape.isDynamic(1) || shape.dim(1) == 1);
    }

    private static boolean isMatrixShaped(Shape shape, int rows, int columns) {
        return shape.rank() == 2 && (shape.isDynamic(0) || shape.dim(0) == rows)
                && (shape.isDynamic(1) || shape.dim(1) == columns);
    }

    private static List<Tensor> readColumns(CsvTable table, List<IoSpec> modelInputs, Origin origin) {
        InputValidator.checkNames(modelInputs, table.header());
        int rows = table.rowCount();
        List<Tensor> tensors = new ArrayList<>();
        for (int column = 0; column < table.header().size(); column++) {
            IoSpec spec = InputValidator.find(modelInputs, table.header().get(column));
            InputValidator.checkBuildable(spec);
            Object data = Array.newInstance(spec.elementType().arrayType().getComponentType(), rows);
            for (int row = 0; row < rows; row++) {
                parseCell(spec, table, row, column, data, row, origin);
            }
            long[] shape = spec.shape().rank() == 1 ? new long[] {rows} : new long[] {rows, 1};
            tensors.add(new Tensor(spec.name(), spec.elementType(), shape, data));
        }
        return tensors;
    }

    private static Tensor readMatrix(CsvTable table, IoSpec spec, Origin origin) {
        InputValidator.checkBuildable(spec);
        int rows = table.rowCount();
        int columns = table.header().size();
        Object data = Array.newInstance(spec.elementType().arrayType().getComponentType(), rows * columns);
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < columns; column++) {
                parseCell(spec, table, row, column, data, row * columns + column, origin);
            }
        }
        return new Tensor(spec.name(), spec.elementType(), new long[] {rows, columns}, data);
    }

    private static void parseCell(IoSpec spec, CsvTable table, int row, int column, Object data, int index,
            Origin origin) {
        String cell = table.rows().get(row)[column];
        ElementType type = spec.elementType();
        String text = cell.trim();
        try {
            switch (type) {
                case FLOAT -> ((float[]) data)[index] = (float) parseFloating(text);
                case FLOAT16 -> ((float[]) data)[index] = HalfFloats.roundToFloat16((float) parseFloating(text));
                case BFLOAT16 -> ((float[]) data)[index] = HalfFloats.roundToBFloat16((float) parseFloating(text));
                case DOUBLE -> ((double[]) data)[index] = parseFloating(text);
                case INT8 -> ((byte[]) data)[index] = (byte) parseInteger(text, Byte.MIN_VALUE, Byte.MAX_VALUE);
                case UINT8 -> ((byte[]) data)[index] = (byte) parseInteger(text, 0, 255);
                case INT16 -> ((short[]) data)[index] = (short) parseInteger(text, Short.MIN_VALUE, Short.MAX_VALUE);
                case INT32 -> ((int[]) data)[index] = (int) parseInteger(text, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case INT64 -> ((long[]) data)[index] = parseInteger(text, Long.MIN_VALUE, Long.MAX_VALUE);
                case BOOL -> ((boolean[]) data)[index] = parseBoolean(text);
                case STRING -> ((String[]) data)[index] = cell;
                default -> throw new IllegalStateException("not buildable: " + type);
            }
        } catch (NumberFormatException e) {
            throw new InvalidInputException(spec.name(), origin.cell(row, column, table.header().get(column)) + ": '" + cell + "' is not a valid " + type.displayName() + " value"
                    + (e.getMessage() != null && e.getMessage().startsWith("out of range") ? " (" + e.getMessage() + ")" : "")
                    + " for input '" + spec.name() + "'");
        }
    }

    private static double parseFloating(String text) {
        if (text.isEmpty()) {
            return Double.NaN;
        }
        switch (text.toLowerCase(Locale.ROOT)) {
            case "nan", "+nan", "-nan":
                return Double.NaN;
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        char last = text.charAt(text.length() - 1);
        if (!Character.isDigit(last) && last != '.') {
            // Double.parseDouble would accept Java suffixes such as "1f" or "2d"; a table cell should not.
            throw new NumberFormatException(text);
        }
        return Double.parseDouble(text);
    }

    private static long parseInteger(String text, long min, long max) {
        long value = Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
        if (value < min || value > max) {
            throw new NumberFormatException("out of range " + min + ".." + max);
        }
        return value;
    }

    private static boolean parseBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new NumberFormatException(text);
        };
    }
}
