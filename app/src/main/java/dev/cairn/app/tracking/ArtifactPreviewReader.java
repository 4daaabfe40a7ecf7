package dev.cairn.app.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.app.format.ByteSize;
import dev.cairn.runtime.codec.CsvTable;
import dev.cairn.runtime.tensor.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javafx.scene.image.Image;

/** Reads an artifact file into what the browser shows; runs off the JavaFX thread (it reads the disk). */
public final class ArtifactPreviewReader {

    /** CSV rows put in the table; the rest are counted, not shown. */
    public static final int MAX_TABLE_ROWS = 500;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ArtifactPreviewReader() {
    }

    /** The preview of {@code file}, or a sentence saying why there is none. */
    public static ArtifactPreview read(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            return new ArtifactPreview.Message("Folder " + name + ". Expand it in the tree, or download it whole.");
        }
        long size = Files.size(file);
        if (size > ArtifactPreviewKind.MAX_PREVIEW_BYTES) {
            return new ArtifactPreview.Message(name + " is " + ByteSize.format(size) + ", too large to preview (the limit is "
                    + ByteSize.format(ArtifactPreviewKind.MAX_PREVIEW_BYTES) + "). Open it in its app or download it.");
        }
        return switch (ArtifactPreviewKind.of(name)) {
            case MARKDOWN -> new ArtifactPreview.Markdown(text(file));
            case JSON -> json(file);
            case YAML, TEXT -> new ArtifactPreview.Text(text(file));
            case CSV -> csv(file);
            case IMAGE -> image(file, size);
            case UNKNOWN -> unknown(file, size);
        };
    }

    /** UTF-8, with undecodable bytes shown as replacement characters rather than failing the preview. */
    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static ArtifactPreview json(Path file) throws IOException {
        String text = text(file);
        try {
            return new ArtifactPreview.Text(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(text)));
        } catch (JsonProcessingException e) {
            return new ArtifactPreview.Text(text); // not valid JSON: show it as written rather than nothing
        }
    }

    private static ArtifactPreview csv(Path file) throws IOException {
        CsvTable table;
        try {
            table = CsvTable.parse(text(file));
        } catch (InvalidInputException e) {
            return new ArtifactPreview.Text(text(file)); // ragged or badly quoted: the raw text still helps
        }
        List<List<String>> rows = table.rows().stream().limit(MAX_TABLE_ROWS).map(Arrays::asList).toList();
        return new ArtifactPreview.Table(table.header(), rows, table.rowCount());
    }

    private static ArtifactPreview image(Path file, long size) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Image image = new Image(in);
            if (image.isError() || image.getWidth() <= 0) {
                return new ArtifactPreview.Message(file.getFileName() + " (" + ByteSize.format(size)
                        + ") could not be decoded as an image.");
            }
            return new ArtifactPreview.Picture(image);
        }
    }

    private static ArtifactPreview unknown(Path file, long size) throws IOException {
        byte[] head = new byte[8192];
        int length;
        try (InputStream in = Files.newInputStream(file)) {
            length = in.readNBytes(head, 0, head.length);
        }
        if (ArtifactPreviewKind.looksLikeText(head, length) && validUtf8(file)) {
            return new ArtifactPreview.Text(text(file));
        }
        return new ArtifactPreview.Message(file.getFileName() + " is a binary file of " + ByteSize.format(size)
                + " that Cairn cannot preview. Open it in its app or download it.");
    }

    private static boolean validUtf8(Path file) throws IOException {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
