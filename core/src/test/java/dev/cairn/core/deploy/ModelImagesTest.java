package dev.cairn.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.progress.ProgressListener;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Builds the iris model's image on the local engine; the deploy tests reuse it. */
class ModelImagesTest {

    @Test
    void buildsASmallLabelledImageAndReusesItForTheSameFile() {
        LocalDocker.require();
        DeployableModel iris = TestModels.iris("images-test-iris", 1);
        ModelImages images = TestModels.images();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        List<long[]> steps = Collections.synchronizedList(new ArrayList<>());
        ProgressListener progress = (done, total, message) -> {
            lines.add(message);
            if (total > 0) {
                steps.add(new long[] {done, total});
            }
        };
        try (DockerEngine engine = DockerEngine.connect(LocalDocker.host())) {
            TestModels.removeImage(engine, "cairn/images-test-iris:1");
            BuiltImage built = images.ensure(engine, iris, progress);

            assertThat(built.reused()).isFalse();
            assertThat(built.tag()).isEqualTo("cairn/images-test-iris:1");
            assertThat(lines).anyMatch(line -> line.startsWith("Step 1/"));
            assertThat(steps.get(steps.size() - 1)[0]).isEqualTo(steps.get(steps.size() - 1)[1]);
            Map<String, String> labels = engine.client().inspectImageCmd(built.imageId()).exec().getConfig().getLabels();
            assertThat(labels).containsEntry(Labels.MODEL_NAME, "images-test-iris")
                    .containsEntry(Labels.MODEL_VERSION, "1")
                    .containsEntry(Labels.MODEL_SHA256, iris.sha256())
                    .containsKey("org.opencontainers.image.created");
            // The jar with one platform's ONNX Runtime deflated inside (28.5 MB unpacked on amd64) and the model.
            assertThat(built.addedBytes()).isBetween(5_000_000L, 30_000_000L);
            assertThat(labels).containsEntry(Labels.RUNTIME_SHA256, RuntimeJar.locate(System.getenv()).sha256());
            System.out.printf("[figures] image %s: %.1f MB over the base (%.1f MB in all), built in %d ms%n",
                    built.tag(), built.addedBytes() / 1e6, built.sizeBytes() / 1e6, built.buildMillis());

            BuiltImage again = images.ensure(engine, iris, ProgressListener.NONE);
            assertThat(again.reused()).isTrue();
            assertThat(again.imageId()).isEqualTo(built.imageId());
        }
    }

    @Test
    void missingBaseImageFailsTheBuildWithTheReason() {
        LocalDocker.require();
        ModelImages images = new ModelImages(() -> RuntimeJar.locate(System.getenv()), "cairn-test/no-such-base:0",
                Clock.systemUTC());
        DeployableModel iris = TestModels.iris("images-test-nobase", 1);
        try (DockerEngine engine = DockerEngine.connect(LocalDocker.host())) {
            assertThatThrownBy(() -> images.ensure(engine, iris, ProgressListener.NONE))
                    .isInstanceOf(DeployException.class)
                    .hasMessageContaining("Building image cairn/images-test-nobase:1 on host local failed")
                    .hasMessageContaining("cairn-test/no-such-base:0 is not on the host");
        }
    }
}
