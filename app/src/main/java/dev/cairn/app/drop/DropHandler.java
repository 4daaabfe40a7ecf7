package dev.cairn.app.drop;

import java.nio.file.Path;
import java.util.List;

/** A feature that opens files dropped on the window (ONNX models, datasets, mlruns folders, ...). */
public interface DropHandler {

    /** What it accepts, for messages: e.g. "ONNX models (.onnx)". */
    String accepts();

    /** Whether this handler takes {@code file}; must be quick and must not read the file. */
    boolean canOpen(Path file);

    /** Opens the files this handler took; called on the JavaFX thread, so it starts background work. */
    void open(List<Path> files);
}
