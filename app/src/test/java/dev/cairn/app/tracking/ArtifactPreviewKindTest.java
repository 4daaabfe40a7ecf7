package dev.cairn.app.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which preview a file gets from its name, and the text sniffing used for names that say nothing. */
class ArtifactPreviewKindTest {

    @Test
    void namesDecideTheKind() {
        assertThat(ArtifactPreviewKind.of("README.md")).isEqualTo(ArtifactPreviewKind.MARKDOWN);
        assertThat(ArtifactPreviewKind.of("model/MLmodel")).isEqualTo(ArtifactPreviewKind.YAML);
        assertThat(ArtifactPreviewKind.of("conda.yaml")).isEqualTo(ArtifactPreviewKind.YAML);
        assertThat(ArtifactPreviewKind.of("eval/metrics.JSON")).isEqualTo(ArtifactPreviewKind.JSON);
        assertThat(ArtifactPreviewKind.of("data/sample.csv")).isEqualTo(ArtifactPreviewKind.CSV);
        assertThat(ArtifactPreviewKind.of("plots/roc.PNG")).isEqualTo(ArtifactPreviewKind.IMAGE);
        assertThat(ArtifactPreviewKind.of("photo.jpeg")).isEqualTo(ArtifactPreviewKind.IMAGE);
        assertThat(ArtifactPreviewKind.of("train.py")).isEqualTo(ArtifactPreviewKind.TEXT);
        assertThat(ArtifactPreviewKind.of("stdout.log")).isEqualTo(ArtifactPreviewKind.TEXT);
        assertThat(ArtifactPreviewKind.of("model/requirements.txt")).isEqualTo(ArtifactPreviewKind.TEXT);
        assertThat(ArtifactPreviewKind.of("Dockerfile")).isEqualTo(ArtifactPreviewKind.TEXT);
        assertThat(ArtifactPreviewKind.of("model.onnx")).isEqualTo(ArtifactPreviewKind.UNKNOWN);
        assertThat(ArtifactPreviewKind.of("weights")).isEqualTo(ArtifactPreviewKind.UNKNOWN);
        assertThat(ArtifactPreviewKind.of("archive.tar.gz")).isEqualTo(ArtifactPreviewKind.UNKNOWN);
    }

    @Test
    void textIsToldFromBinaryByItsFirstBytes() {
        byte[] text = "epoch 1 loss 0.42\r\n\tdone\n".getBytes(StandardCharsets.UTF_8);
        assertThat(ArtifactPreviewKind.looksLikeText(text, text.length)).isTrue();
        byte[] withNul = {'a', 'b', 0, 'c'};
        assertThat(ArtifactPreviewKind.looksLikeText(withNul, withNul.length)).isFalse();
        byte[] controls = new byte[100];
        java.util.Arrays.fill(controls, (byte) 'x');
        controls[10] = 1;
        controls[20] = 2;
        assertThat(ArtifactPreviewKind.looksLikeText(controls, controls.length)).as("2 control bytes in 100").isFalse();
        assertThat(ArtifactPreviewKind.looksLikeText(new byte[0], 0)).isTrue();
    }
}
