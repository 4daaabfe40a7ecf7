package dev.cairn.plugins.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reads a dataset file format Cairn does not read itself (Cairn reads CSV). Files with one of its
 * {@link #extensions()} can then be dropped on the Drift section, chosen as a reference or current dataset, given to
 * {@code cairn drift} and {@code cairn datasets register}.
 */
public interface DatasetReader {

    /** The format's name as users know it, such as {@code "Parquet"}. */
    String formatName();

    /** The file name extensions this reader takes, lower case, without the dot, such as {@code "parquet"}. */
    Set<String> extensions();

    /**
     * Reads a whole file as a table. Cairn computes the file's SHA-256 itself.
     *
     * @param file an existing regular file with one of the {@link #extensions()}
     * @param maxRows the most rows Cairn takes; a file with more fails with a {@link PluginException} saying so
     * @return the table, with at least one column
     * @throws PluginException when the file is not one this reader can read (corrupt, another format, too big)
     * @throws IOException when the file cannot be read
     */
    DataTable read(Path file, int maxRows) throws IOException;
}
