package dev.cairn.runtime.model;

import dev.cairn.testdata.BuildFacts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtException;
import dev.cairn.runtime.model.ModelLoadException.Reason;
import dev.cairn.testdata.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a model can fail to load ends in a {@link ModelLoadException} that names the file and the reason. */
class ModelLoadFailureTest {

    @TempDir
    Path temp;

    private static ModelLoadException loadFailure(Path file) {
        return (ModelLoadException) org.assertj.core.api.Assertions.catchThrowable(() -> ModelRunner.open(file).close());
    }

    @Test
    void missingFile() {
        ModelLoadException e = loadFailure(temp.resolve("nowhere.onnx"));
        assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(e).hasMessageStartingWith("Cannot load model 'nowhere.onnx': the file does not exist");
    }

    @Test
    void emptyFile() throws Exception {
        ModelLoadException e = loadFailure(Files.createFile(temp.resolve("empty.onnx")));
        assertThat(e.reason()).isEqualTo(Reason.EMPTY_FILE);
        assertThat(e).hasMessage("Cannot load model 'empty.onnx': the file is empty");
        assertThatThrownBy(() -> ModelRunner.open(new byte[0], "bytes.onnx", RunnerOptions.defaults()))
                .isInstanceOf(ModelLoadException.class).hasMessage("Cannot load model 'bytes.onnx': the model is empty");
    }

    @Test
    void notAnOnnxFile() throws Exception {
        Path text = Files.writeString(temp.resolve("readme.onnx"), "# Just some markdown\n", StandardCharsets.UTF_8);
        ModelLoadException e = loadFailure(text);
        assertThat(e.reason()).isEqualTo(Reason.NOT_ONNX);
        assertThat(e).hasMessageStartingWith("Cannot load model 'readme.onnx': the file is not an ONNX model")
                .hasMessageContaining("(ONNX Runtime: ").hasMessageContaining("Protobuf parsing failed");
        assertThat(e.ortDetail()).isPresent();
    }

    @Test
    void truncatedFile() throws Exception {
        byte[] model = Files.readAllBytes(TestData.path("models/tribuo_cnn_mnist.onnx"));
        Path cut = Files.write(temp.resolve("cnn.onnx"), Arrays.copyOf(model, model.length / 3));
        ModelLoadException e = loadFailure(cut);
        assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
        assertThat(e).hasMessageStartingWith("Cannot load model 'cnn.onnx': the file is truncated");
        ModelLoadException fromBytes = (ModelLoadException) org.assertj.core.api.Assertions.catchThrowable(() ->
                ModelRunner.open(Arrays.copyOf(model, model.length / 3), "cnn bytes", RunnerOptions.defaults()));
        assertThat(fromBytes.reason()).isEqualTo(Reason.TRUNCATED);
    }

    @Test
    void opsetNewerThanThisOnnxRuntime() {
        Path model = TestData.path("onnx-node-tests/test_causal_conv_with_state_b1_c1_degenerate/model.onnx");
        ModelLoadException e = loadFailure(model);
        assertThat(e.reason()).isEqualTo(Reason.OPSET_TOO_NEW);
        assertThat(e).hasMessageStartingWith("Cannot load model 'model.onnx': it uses opset 27 of domain ai.onnx, but "
                + "ONNX Runtime " + BuildFacts.onnxRuntimeVersion() + " supports up to opset 26").hasMessageContaining("ValidateOpsetForDomain");
    }

    @Test
    void operatorWithoutAKernel() {
        ModelLoadException e = loadFailure(TestData.path("onnx-node-tests/test_min_uint16/model.onnx"));
        assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_OPERATOR);
        assertThat(e).hasMessageStartingWith("Cannot load model 'model.onnx': ONNX Runtime "
                + BuildFacts.onnxRuntimeVersion() + " has no implementation of Min(13)");
    }

    @Test
    void missingLocaleIsExplained() {
        // The locale exists on build machines, so the translation is checked on ORT's own message text.
        OrtException ort = new OrtException(OrtException.OrtErrorCode.ORT_FAIL, "Exception during initialization: "
                + "/onnxruntime_src/onnxruntime/core/providers/cpu/text/string_normalizer.cc:235 onnxruntime::"
                + "StringNormalizer::StringNormalizer(const onnxruntime::OpKernelInfo&) Failed to construct locale "
                + "with name:en_US.UTF-8:locale::facet::_S_create_c_locale name not valid:Please, install necessary "
                + "language-pack-XX and configure locales");
        ModelLoadException e = LoadFailures.explain("tfidf.onnx", ort, null, new byte[] {8}, "1.29.0");
        assertThat(e.reason()).isEqualTo(Reason.MISSING_LOCALE);
        assertThat(e).hasMessageStartingWith("Cannot load model 'tfidf.onnx': ONNX Runtime needs the en_US.UTF-8 "
                + "locale").hasMessageContaining("localedef -i en_US -f UTF-8 en_US.UTF-8")
                .hasMessageContaining("Failed to construct locale");
    }
}
