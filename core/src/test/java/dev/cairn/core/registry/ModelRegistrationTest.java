package dev.cairn.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.error.CairnException;
import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.ProgressListener;
import dev.cairn.core.testing.FreshWorkspaceExtension;
import dev.cairn.testdata.EnUsUtf8Locale;
import dev.cairn.testdata.TestData;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Registering real ONNX files: provenance, content addressing, and bad files that register nothing. */
@ExtendWith(FreshWorkspaceExtension.class)
class ModelRegistrationTest {

    /** The one test model that needs the en_US.UTF-8 locale to load. */
    private static final String TFIDF = "skl_pipeline_tfidf_string_text.onnx";

    private Workspace workspace;
    private RegistryServices services;

    @BeforeEach
    void open(Workspace workspace) {
        this.workspace = workspace;
        this.services = RegistryServices.of(workspace, TrackingServices.of(workspace));
    }

    private ModelRegistration.Result register(Path file, String name) {
        return services.registration().register(file, name, null, null, ProgressListener.NONE, Cancellation.NEVER);
    }

    @Test
    void everyTestModelRegistersWithItsProvenance() throws IOException {
        List<Path> models;
        try (Stream<Path> files = Files.list(TestData.path("models"))) {
            models = files.filter(f -> f.toString().endsWith(".onnx")).filter(f -> !f.endsWith(TFIDF)).sorted().toList();
        }
        assertThat(models).hasSize(7);
        for (Path model : models) {
            assertRegisteredWithProvenance(model);
        }
        assertThat(services.registry().versions("shared")).hasSize(7);
        ModelVersion cnn = services.registry().versions("shared").stream()
                .filter(v -> v.provenance().fileName().equals("tribuo_cnn_mnist.onnx")).findFirst().orElseThrow();
        assertThat(cnn.provenance().producerName()).isEqualTo("pytorch");
        assertThat(cnn.provenance().opsets()).containsExactlyEntriesOf(Map.of("ai.onnx", 9L));
        assertThat(cnn.userId()).isNotBlank();
    }

    @Test
    void theTfidfPipelineRegistersWhereTheLocaleIs() throws IOException {
        EnUsUtf8Locale.assume(); // ONNX Runtime checks the model by loading it, and its StringNormalizer needs it
        assertRegisteredWithProvenance(TestData.model(TFIDF));
        assertThat(services.registry().versions("shared")).hasSize(1);
    }

    private void assertRegisteredWithProvenance(Path model) throws IOException {
        ModelVersion version = register(model, "shared").version();
        Provenance provenance = version.provenance();
        assertThat(provenance.fileName()).isEqualTo(model.getFileName().toString());
        assertThat(provenance.sizeBytes()).isEqualTo(Files.size(model));
        assertThat(provenance.sha256()).hasSize(64);
        assertThat(provenance.irVersion()).isPositive();
        assertThat(provenance.opsets()).containsKey("ai.onnx");
        assertThat(provenance.signature()).contains("\"inputs\"");
        assertThat(Files.readAllBytes(services.files().path(provenance.sha256()))).isEqualTo(Files.readAllBytes(model));
    }

    @Test
    void theSameBytesAreStoredOnceAndNotRegisteredTwice(@TempDir Path dir) throws IOException {
        Path original = TestData.model("tribuo_iris_lr.onnx");
        Path copy = Files.copy(original, dir.resolve("renamed-copy.onnx"));
        ModelRegistration.Result first = register(original, "iris");
        ModelRegistration.Result again = register(copy, "iris");
        assertThat(again.alreadyRegistered()).isTrue();
        assertThat(again.version().version()).isEqualTo(first.version().version());

        ModelRegistration.Result elsewhere = register(copy, "iris-2");
        assertThat(elsewhere.alreadyRegistered()).isFalse();
        assertThat(elsewhere.version().provenance().sha256()).isEqualTo(first.version().provenance().sha256());
        try (Stream<Path> stored = Files.walk(workspace.artifactsDir().resolve("sha256"))) {
            assertThat(stored.filter(Files::isRegularFile).count()).isEqualTo(1);
        }
    }

    @Test
    void badFilesGetAClearMessageAndRegisterNothing(@TempDir Path dir) throws IOException {
        register(TestData.model("tribuo_iris_lr.onnx"), "kept");

        Path text = Files.writeString(dir.resolve("text.onnx"), "not a model");
        assertThatThrownBy(() -> register(text, "bad")).isInstanceOf(CairnException.class)
                .hasMessageContaining("text.onnx is not an ONNX model");

        byte[] bytes = Files.readAllBytes(TestData.model("tribuo_cnn_mnist.onnx"));
        Path truncated = Files.write(dir.resolve("truncated.onnx"), java.util.Arrays.copyOf(bytes, bytes.length - 100));
        assertThatThrownBy(() -> register(truncated, "bad")).isInstanceOf(CairnException.class)
                .hasMessageContaining("truncated.onnx");

        Path opset27 = TestData.path("onnx-node-tests/test_causal_conv_with_state_b1_c1_degenerate/model.onnx");
        assertThatThrownBy(() -> register(opset27, "bad")).isInstanceOf(CairnException.class)
                .hasMessageContaining("Cannot load model 'model.onnx'").hasMessageContaining("opset 27");

        Path empty = Files.createFile(dir.resolve("empty.onnx"));
        assertThatThrownBy(() -> register(empty, "bad")).hasMessageContaining("empty");

        ModelRegistration small = new ModelRegistration(services.registry(), services.files(),
                TrackingServices.of(workspace).runs(), 1000, ModelImports.onnxOnly());
        assertThatThrownBy(() -> small.register(TestData.model("tribuo_iris_lr.onnx"), "bad", null, null,
                ProgressListener.NONE, Cancellation.NEVER)).hasMessageContaining("over the limit of 1,000 bytes");

        assertThatThrownBy(() -> services.registration().register(TestData.model("tribuo_iris_lr.onnx"), "bad",
                "0123456789abcdef0123456789abcdef", null, ProgressListener.NONE, Cancellation.NEVER))
                .isInstanceOf(CairnException.class);

        assertThat(services.registry().exists("bad")).isFalse();
        assertThat(services.registry().versions("kept")).hasSize(1);
    }
}
