package dev.cairn.app.tracking;

import java.util.List;
import javafx.scene.image.Image;

/** What the artifacts browser shows for one file, read in the background and shown on the JavaFX thread. */
public sealed interface ArtifactPreview {

    /** Monospace text: logs, code, YAML, pretty-printed JSON. */
    record Text(String text) implements ArtifactPreview {
    }

    /** Markdown rendered as nodes. */
    record Markdown(String text) implements ArtifactPreview {
    }

    /** The first rows of a CSV file; {@code totalRows} counts the data rows of the whole file. */
    record Table(List<String> header, List<List<String>> rows, int totalRows) implements ArtifactPreview {
        public Table {
            header = List.copyOf(header);
            rows = List.copyOf(rows);
        }
    }

    /** An image, already decoded. */
    record Picture(Image image) implements ArtifactPreview {
    }

    /** Nothing to show but a sentence: a folder, a binary or too-large file, a file that could not be read. */
    record Message(String text) implements ArtifactPreview {
    }
}
