package dev.cairn.app.tracking;

import java.io.IOException;
import java.nio.file.Path;

/** Hands a file to the system's app for its type. Called off the JavaFX thread: launching an app can block. */
@FunctionalInterface
public interface FileOpener {

    void open(Path file) throws IOException;
}
