package dev.cairn.plugins.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Turns a model file of another format into an ONNX model, so that it can be registered, run, benchmarked and deployed
 * as ONNX models are: dropped on the window, or given to {@code cairn models register}.
 */
public interface ModelImporter {

    /** The format's name as users know it, such as {@code "PMML"}. */
    String formatName();

    /** The file name extensions this importer takes, lower case, without the dot. */
    Set<String> extensions();

    /**
     * Converts {@code source} into an ONNX model written to {@code onnxTarget}.
     *
     * @param source an existing regular file with one of the {@link #extensions()}
     * @param onnxTarget a file that does not exist yet, in a folder that does; Cairn checks what is written there
     *     with ONNX Runtime and deletes it if the conversion fails
     * @throws PluginException when the file cannot be converted (the message says why)
     * @throws IOException when a file cannot be read or written
     */
    void convert(Path source, Path onnxTarget) throws IOException;
}
