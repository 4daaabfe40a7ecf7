package dev.cairn.app.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the reader makes of files the browser cannot show as their name promises (images are tested in the GUI). */
class ArtifactPreviewReaderTest {

    @TempDir
    Path dir;

    @Test
    void aFileOverTheLimitIsDescribedNotRead() throws IOException {
        Path big = dir.resolve("events.log");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(ArtifactPreviewKind.MAX_PREVIEW_BYTES + 1);
        }
        assertThat(ArtifactPreviewReader.read(big)).isInstanceOf(ArtifactPreview.Message.class)
                .extracting(preview -> ((ArtifactPreview.Message) preview).text()).asString()
                .contains("events.log is 5.0 MiB, too large to preview");
    }

    @Test
    void csvShowsTheFirstRowsAndCountsAll() throws IOException {
        StringBuilder csv = new StringBuilder("id,score\n");
        for (int i = 0; i < 1_234; i++) {
            csv.append(i).append(',').append(i / 10.0).append('\n');
        }
        Path file = Files.writeString(dir.resolve("scores.csv"), csv);
        ArtifactPreview.Table table = (ArtifactPreview.Table) ArtifactPreviewReader.read(file);
        assertThat(table.header()).containsExactly("id", "score");
        assertThat(table.rows()).hasSize(ArtifactPreviewReader.MAX_TABLE_ROWS);
        assertThat(table.rows().get(499)).containsExactly("499", "49.9");
        assertThat(table.totalRows()).isEqualTo(1_234);
    }

    @Test
    void malformedJsonAndRaggedCsvAreShownAsWritten() throws IOException {
        Path json = Files.writeString(dir.resolve("broken.json"), "{\"auc\": 0.9,");
        assertThat(ArtifactPreviewReader.read(json)).isEqualTo(new ArtifactPreview.Text("{\"auc\": 0.9,"));
        Path csv = Files.writeString(dir.resolve("ragged.csv"), "a,b\n1\n");
        assertThat(ArtifactPreviewReader.read(csv)).isEqualTo(new ArtifactPreview.Text("a,b\n1\n"));
    }

    @Test
    void unknownNamesAreShownAsTextOnlyWhenTheyAreText() throws IOException {
        Path text = Files.writeString(dir.resolve("LICENSE-2.0"), "Apache License\n");
        assertThat(ArtifactPreviewReader.read(text)).isEqualTo(new ArtifactPreview.Text("Apache License\n"));
        Path binary = Files.write(dir.resolve("model.onnx"), new byte[] {8, 7, 0, 1, (byte) 0x80});
        assertThat(ArtifactPreviewReader.read(binary)).isInstanceOf(ArtifactPreview.Message.class)
                .extracting(preview -> ((ArtifactPreview.Message) preview).text()).asString()
                .contains("binary file of 5 B");
        Path latin1 = Files.write(dir.resolve("notes.dat"), new byte[] {'c', 'a', 'f', (byte) 0xe9});
        assertThat(ArtifactPreviewReader.read(latin1)).as("not UTF-8").isInstanceOf(ArtifactPreview.Message.class);
        assertThat(ArtifactPreviewReader.read(Files.createDirectory(dir.resolve("plots"))))
                .isInstanceOf(ArtifactPreview.Message.class);
    }
}
