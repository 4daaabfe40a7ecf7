package dev.cairn.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.error.CairnException;
import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.ProgressListener;
import dev.cairn.core.testing.FreshWorkspaceExtension;
import dev.cairn.core.testing.PluginJars;
import dev.cairn.testdata.TestData;
import dev.cairn.core.tracking.TrackingServices;
import dev.cairn.core.workspace.Workspace;
import dev.cairn.plugins.api.ModelImporter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A model importer plugin in the workspace's plugins folder: its files register as ONNX models do. */
@ExtendWith(FreshWorkspaceExtension.class)
class ModelImportsTest {

    /** Gzipped ONNX files (.onnxz), as some model zoos ship them. */
    private static final String GUNZIP = """
            package org.example;
            import dev.cairn.plugins.api.ModelImporter;
            import java.io.IOException;
            import java.io.InputStream;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.util.Set;
            import java.util.zip.GZIPInputStream;
            public class Gunzip implements ModelImporter {
                public String formatName() { return "Gzipped ONNX"; }
                public Set<String> extensions() { return Set.of("onnxz"); }
                public void convert(Path source, Path onnxTarget) throws IOException {
                    try (InputStream in = new GZIPInputStream(Files.newInputStream(source))) {
                        Files.copy(in, onnxTarget);
                    }
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aPluginsFormatRegistersAsTheOnnxModelItHolds(Workspace workspace) throws IOException {
        PluginJars.builder().title("Gzipped ONNX", "1.2").source("org.example.Gunzip", GUNZIP)
                .service(ModelImporter.class, "org.example.Gunzip").writeTo(workspace.pluginsDir().resolve("gz.jar"));
        RegistryServices services = RegistryServices.of(workspace, TrackingServices.of(workspace));
        ModelImports imports = services.registration().imports();
        assertThat(imports.describe()).isEqualTo("ONNX or Gzipped ONNX models (.onnx, .onnxz)");
        Path onnx = TestData.model("tribuo_iris_lr.onnx");
        Path zipped = dir.resolve("iris.onnxz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(zipped))) {
            Files.copy(onnx, out);
        }
        assertThat(imports.canRegister(zipped)).isTrue();

        ModelVersion version = services.registration().register(zipped, "iris", null, null, ProgressListener.NONE,
                Cancellation.NEVER).version();

        assertThat(version.provenance().fileName()).isEqualTo("iris.onnxz");
        assertThat(Files.readAllBytes(services.files().path(version.provenance().sha256())))
                .isEqualTo(Files.readAllBytes(onnx));
        assertThat(version.provenance().signature()).contains("\"inputs\"");
        assertThat(scratchFiles(workspace)).as("the converted file is deleted").isZero();

        Path corrupt = Files.writeString(dir.resolve("bad.onnxz"), "not gzip");
        assertThatThrownBy(() -> services.registration().register(corrupt, "iris", null, null, ProgressListener.NONE,
                Cancellation.NEVER)).isInstanceOf(CairnException.class)
                .hasMessage("Cannot convert bad.onnxz (ZipException: Not in GZIP format)");
        Path notOnnx = dir.resolve("text.onnxz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(notOnnx))) {
            out.write("hello".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> services.registration().register(notOnnx, "iris", null, null, ProgressListener.NONE,
                Cancellation.NEVER)).isInstanceOf(CairnException.class);
        assertThat(services.registry().versions("iris")).hasSize(1);
        assertThat(scratchFiles(workspace)).isZero();
    }

    @Test
    void withoutPluginsOnlyOnnxRegisters() {
        assertThat(ModelImports.onnxOnly().describe()).isEqualTo("ONNX models (.onnx)");
        assertThat(ModelImports.onnxOnly().canRegister(Path.of("m.onnxz"))).isFalse();
        assertThat(ModelImports.onnxOnly().canRegister(Path.of("M.ONNX"))).isTrue();
    }

    private static long scratchFiles(Workspace workspace) throws IOException {
        Path scratch = workspace.home().resolve("tmp");
        if (!Files.exists(scratch)) {
            return 0;
        }
        try (var files = Files.walk(scratch)) {
            return files.filter(file -> !file.equals(scratch)).count();
        }
    }
}
