package dev.cairn.core.drift;

import dev.cairn.core.io.Sha256;
import dev.cairn.core.plugins.FileKinds;
import dev.cairn.core.plugins.PluginErrors;
import dev.cairn.core.plugins.PluginFormat;
import dev.cairn.core.plugins.Plugins;
import dev.cairn.plugins.api.DataTable;
import dev.cairn.plugins.api.DatasetReader;
import dev.cairn.plugins.api.PluginException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads dataset files by their extension: CSV with Cairn's own reader, other formats with the plugins' dataset
 * readers. Every caller that reads a dataset file (the Drift section, {@code cairn drift}, {@code cairn datasets})
 * goes through here, so a plugin's format works everywhere a CSV file does.
 */
public final class DatasetFiles {

    /** The most rows taken from a plugin's file: more would not fit the columns Cairn keeps in memory anyway. */
    static final int MAX_ROWS = 20_000_000;

    // The readers' names and extensions were read when the plugins loaded: the JavaFX thread asks (drops, file
    // choosers) and must not run plugin code.
    private final Map<String, PluginFormat<DatasetReader>> readers = new HashMap<>();
    private final List<String> extensions;
    private final String description;

    private DatasetFiles(Plugins plugins) {
        Set<String> plugged = new TreeSet<>();
        List<String> formats = new ArrayList<>(List.of("CSV"));
        for (PluginFormat<DatasetReader> reader : plugins.datasetReaders()) {
            reader.extensions().forEach(extension -> readers.putIfAbsent(extension, reader));
            plugged.addAll(reader.extensions());
            formats.add(reader.formatName());
        }
        List<String> all = new ArrayList<>(CSV_EXTENSIONS);
        all.addAll(plugged);
        extensions = List.copyOf(all);
        description = FileKinds.describe(formats, "files", extensions);
    }

    /** CSV files only. */
    public static DatasetFiles csvOnly() {
        return new DatasetFiles(Plugins.none());
    }

    public static DatasetFiles of(Plugins plugins) {
        return new DatasetFiles(plugins);
    }

    /** What Cairn's own reader takes: the delimiter is detected, so tab-separated files read as well. */
    public static final List<String> CSV_EXTENSIONS = List.of("csv", "tsv");

    /** Lower-case extensions read, {@code csv} first. */
    public List<String> extensions() {
        return extensions;
    }

    /** "CSV files (.csv, .tsv)", or "CSV or Parquet files (.csv, .tsv, .parquet)" with a Parquet reader. */
    public String describe() {
        return description;
    }

    public boolean canRead(Path file) {
        return extensions().contains(FileKinds.extension(file));
    }

    /** Reads {@code file} with the reader its extension names; a file of no known kind is read as CSV. */
    public CsvTable read(Path file) {
        PluginFormat<DatasetReader> reader = readers.get(FileKinds.extension(file));
        return reader == null ? CsvTableReader.read(file) : read(file, reader);
    }

    private CsvTable read(Path file, PluginFormat<DatasetReader> reader) {
        String name = String.valueOf(file.getFileName());
        if (!Files.isRegularFile(file)) {
            throw new DatasetException("Cannot read " + file + ": no such file");
        }
        DataTable table;
        try {
            table = reader.service().read(file, MAX_ROWS);
        } catch (PluginException e) {
            throw new DatasetException(name + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DatasetException("Cannot read " + file + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
        } catch (Throwable e) {
            PluginErrors.rethrowIfFatal(e);
            throw new DatasetException("The " + reader.formatName() + " reader of " + reader.owner() + " failed on "
                    + name + ": " + e, e);
        }
        if (table == null) {
            throw new DatasetException("The " + reader.formatName() + " reader of " + reader.owner()
                    + " returned nothing for " + name);
        }
        if (table.rows() == 0) {
            throw new DatasetException(name + " has no rows: a dataset needs at least one");
        }
        if (table.rows() > MAX_ROWS) {
            throw new DatasetException(name + " has " + table.rows() + " rows; Cairn takes at most " + MAX_ROWS);
        }
        try {
            return toTable(name, Sha256.of(file), table);
        } catch (IOException e) {
            throw new DatasetException("Cannot read " + file + " (" + e.getMessage() + ")", e);
        }
    }

    /** A plugin's columns as the CSV reader's: numbers stay numbers, text stays text; rows are numbered from 1. */
    static CsvTable toTable(String name, String sha256, DataTable table) {
        int columns = table.columns().size();
        List<String> header = new ArrayList<>(columns);
        Set<String> seen = new HashSet<>();
        double[][] numbers = new double[columns][];
        String[][] text = new String[columns][];
        boolean[] integral = new boolean[columns];
        for (int c = 0; c < columns; c++) {
            DataTable.Column column = table.columns().get(c);
            if (column.name() == null || column.name().isBlank() || !seen.add(column.name())) {
                throw new DatasetException(name + ": column " + (c + 1) + " has "
                        + (column.name() == null || column.name().isBlank() ? "no name" : "the name '"
                        + column.name() + "' of an earlier column") + "; columns need unique names");
            }
            header.add(column.name());
            if (column instanceof DataTable.Numbers values) {
                numbers[c] = values.values();
                integral[c] = values.integral();
            } else {
                text[c] = ((DataTable.Texts) column).values();
            }
        }
        int[] rows = new int[table.rows()];
        for (int row = 0; row < rows.length; row++) {
            rows[row] = row + 1;
        }
        return new CsvTable(name, sha256, header, numbers, text, integral, rows);
    }
}
